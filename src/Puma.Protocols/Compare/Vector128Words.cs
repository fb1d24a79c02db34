using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Puma.Protocols.Compare;

/// <summary>Two words per SSE or NEON register: the widest path without AVX2, and the one on Arm.</summary>
internal readonly struct Vector128Words(Vector128<ulong> value) : IWordLanes<Vector128Words>
{
    private readonly Vector128<ulong> _value = value;

    public static int Count => Vector128<ulong>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Words Broadcast(ulong word) => new(Vector128.Create(word));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Words Load(ReadOnlySpan<ulong> source, int index)
        => new(Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128Words value, Span<ulong> destination, int index)
        => value._value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreLow16(Vector128Words value, Span<ushort> destination, int index)
    {
        destination[index] = (ushort)value._value.GetElement(0);
        destination[index + 1] = (ushort)value._value.GetElement(1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreLow32(Vector128Words value, Span<uint> destination, int index)
        => Vector128.Narrow(value._value, value._value).GetLower().StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong TopBits(Vector128Words value) => value._value.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Words operator &(Vector128Words left, Vector128Words right) => new(left._value & right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Words operator |(Vector128Words left, Vector128Words right) => new(left._value | right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Words operator ^(Vector128Words left, Vector128Words right) => new(left._value ^ right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Words operator ~(Vector128Words value) => new(~value._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Words operator <<(Vector128Words value, int shift) => new(value._value << shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Words operator >>(Vector128Words value, int shift) => new(value._value >> shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Words operator >>>(Vector128Words value, int shift) => new(value._value >>> shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Words operator +(Vector128Words left, Vector128Words right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Words operator -(Vector128Words left, Vector128Words right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Words operator -(Vector128Words value) => new(-value._value);
}
