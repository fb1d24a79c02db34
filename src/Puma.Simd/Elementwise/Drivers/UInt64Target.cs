using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Puma.Simd.Elementwise;

/// <summary>Stores lanes unchanged into a 64-bit destination (ring elements, or doubles viewed as bits).</summary>
internal readonly ref struct UInt64Target : ILaneTarget
{
    private readonly ref ulong _destination;

    public UInt64Target(Span<ulong> destination) => _destination = ref MemoryMarshal.GetReference(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ulong lane, nuint index) => Unsafe.Add(ref _destination, index) = lane;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store128(Vector128<ulong> lanes, nuint index) => lanes.StoreUnsafe(ref _destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store256(Vector256<ulong> lanes, nuint index) => lanes.StoreUnsafe(ref _destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store512(Vector512<ulong> lanes, nuint index) => lanes.StoreUnsafe(ref _destination, index);
}
