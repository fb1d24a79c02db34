using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Puma.Protocols.Compare;

/// <summary>Four words per AVX2 register.</summary>
internal readonly struct Vector256Words(Vector256<ulong> value) : IWordLanes<Vector256Words>
{
    private readonly Vector256<ulong> _value = value;

    public static int Count => Vector256<ulong>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Words Broadcast(ulong word) => new(Vector256.Create(word));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Words Load(ReadOnlySpan<ulong> source, int index)
        => new(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256Words value, Span<ulong> destination, int index)
        => value._value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreLow16(Vector256Words value, Span<ushort> destination, int index)
    {
        var low32 = Vector256.Narrow(value._value, value._value).GetLower();
        Vector128.Narrow(low32, low32).GetLower().StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreLow32(Vector256Words value, Span<uint> destination, int index)
        => Vector256.Narrow(value._value, value._value).GetLower().StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong TopBits(Vector256Words value) => value._value.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Words operator &(Vector256Words left, Vector256Words right) => new(left._value & right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Words operator |(Vector256Words left, Vector256Words right) => new(left._value | right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Words operator ^(Vector256Words left, Vector256Words right) => new(left._value ^ right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Words operator ~(Vector256Words value) => new(~value._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Words operator <<(Vector256Words value, int shift) => new(value._value << shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Words operator >>(Vector256Words value, int shift) => new(value._value >> shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Words operator >>>(Vector256Words value, int shift) => new(value._value >>> shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Words operator +(Vector256Words left, Vector256Words right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Words operator -(Vector256Words left, Vector256Words right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Words operator -(Vector256Words value) => new(-value._value);
}
