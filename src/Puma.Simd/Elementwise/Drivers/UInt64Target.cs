using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Puma.Simd.Elementwise;

/// <summary>Stores lanes unchanged into a 64-bit destination (ring elements, or doubles viewed as bits).</summary>
internal readonly struct UInt64Target : ILaneTarget<ulong>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ulong lane, ref ulong destination, nuint index) => Unsafe.Add(ref destination, index) = lane;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store128(Vector128<ulong> lanes, ref ulong destination, nuint index) => lanes.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store256(Vector256<ulong> lanes, ref ulong destination, nuint index) => lanes.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store512(Vector512<ulong> lanes, ref ulong destination, nuint index) => lanes.StoreUnsafe(ref destination, index);
}
