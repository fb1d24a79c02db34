using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Puma.Simd.Elementwise;

/// <summary>
/// Stores lanes holding doubles into a float destination, rounding each to nearest float exactly
/// as the scalar <c>(float)double</c> cast does.
/// </summary>
internal readonly struct SingleTarget : ILaneTarget<float>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ulong lane, ref float destination, nuint index)
        => Unsafe.Add(ref destination, index) = (float)BitConverter.UInt64BitsToDouble(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store128(Vector128<ulong> lanes, ref float destination, nuint index)
    {
        Vector128<float> narrowed = Vector128.Narrow(lanes.AsDouble(), Vector128<double>.Zero);
        Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref destination, index)), narrowed.AsUInt64().ToScalar());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store256(Vector256<ulong> lanes, ref float destination, nuint index)
        => Vector256.Narrow(lanes.AsDouble(), Vector256<double>.Zero).GetLower().StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store512(Vector512<ulong> lanes, ref float destination, nuint index)
        => Vector512.Narrow(lanes.AsDouble(), Vector512<double>.Zero).GetLower().StoreUnsafe(ref destination, index);
}
