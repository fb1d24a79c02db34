using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Puma.Simd.Elementwise;

/// <summary>
/// Stores lanes holding doubles into a float destination, rounding each to nearest float exactly
/// as the scalar <c>(float)double</c> cast does.
/// </summary>
internal readonly ref struct SingleTarget : ILaneTarget
{
    private readonly ref float _destination;

    public SingleTarget(Span<float> destination) => _destination = ref MemoryMarshal.GetReference(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ulong lane, nuint index) => Unsafe.Add(ref _destination, index) = (float)BitConverter.UInt64BitsToDouble(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store128(Vector128<ulong> lanes, nuint index)
    {
        Vector128<float> narrowed = Vector128.Narrow(lanes.AsDouble(), Vector128<double>.Zero);
        Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref _destination, index)), narrowed.AsUInt64().ToScalar());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store256(Vector256<ulong> lanes, nuint index)
        => Vector256.Narrow(lanes.AsDouble(), Vector256<double>.Zero).GetLower().StoreUnsafe(ref _destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store512(Vector512<ulong> lanes, nuint index)
        => Vector512.Narrow(lanes.AsDouble(), Vector512<double>.Zero).GetLower().StoreUnsafe(ref _destination, index);
}
