using System.Runtime.CompilerServices;

namespace Puma.Protocols.Compare;

/// <summary>One word at a time: the path without SIMD and the tail after the vectors.</summary>
internal readonly struct ScalarWords(ulong value) : IWordLanes<ScalarWords>
{
    private readonly ulong _value = value;

    public static int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarWords Broadcast(ulong word) => new(word);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarWords Load(ReadOnlySpan<ulong> source, int index) => new(source[index]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ScalarWords value, Span<ulong> destination, int index) => destination[index] = value._value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreLow16(ScalarWords value, Span<ushort> destination, int index) => destination[index] = (ushort)value._value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreLow32(ScalarWords value, Span<uint> destination, int index) => destination[index] = (uint)value._value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong TopBits(ScalarWords value) => value._value >>> 63;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarWords operator &(ScalarWords left, ScalarWords right) => new(left._value & right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarWords operator |(ScalarWords left, ScalarWords right) => new(left._value | right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarWords operator ^(ScalarWords left, ScalarWords right) => new(left._value ^ right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarWords operator ~(ScalarWords value) => new(~value._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarWords operator <<(ScalarWords value, int shift) => new(value._value << shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarWords operator >>(ScalarWords value, int shift) => new(value._value >> shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarWords operator >>>(ScalarWords value, int shift) => new(value._value >>> shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarWords operator +(ScalarWords left, ScalarWords right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarWords operator -(ScalarWords left, ScalarWords right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarWords operator -(ScalarWords value) => new(0UL - value._value);
}
