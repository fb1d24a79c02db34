using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Puma.Protocols.Compare;

/// <summary>Eight words per AVX-512 register.</summary>
internal readonly struct Vector512Words(Vector512<ulong> value) : IWordLanes<Vector512Words>
{
    private readonly Vector512<ulong> _value = value;

    public static int Count => Vector512<ulong>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Words Broadcast(ulong word) => new(Vector512.Create(word));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Words Load(ReadOnlySpan<ulong> source, int index)
        => new(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512Words value, Span<ulong> destination, int index)
        => value._value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)index);

    /// <summary>One <c>vpmovqw</c> with AVX-512F, the portable narrowing otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreLow16(Vector512Words value, Span<ushort> destination, int index)
    {
        ref ushort target = ref MemoryMarshal.GetReference(destination);
        if (Avx512F.IsSupported)
        {
            Avx512F.ConvertToVector128UInt16(value._value).StoreUnsafe(ref target, (nuint)index);
            return;
        }
        var low32 = Vector512.Narrow(value._value, value._value).GetLower();
        Vector256.Narrow(low32, low32).GetLower().StoreUnsafe(ref target, (nuint)index);
    }

    /// <summary>One <c>vpmovqd</c> with AVX-512F, the portable narrowing otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreLow32(Vector512Words value, Span<uint> destination, int index)
    {
        ref uint target = ref MemoryMarshal.GetReference(destination);
        if (Avx512F.IsSupported)
        {
            Avx512F.ConvertToVector256UInt32(value._value).StoreUnsafe(ref target, (nuint)index);
            return;
        }
        Vector512.Narrow(value._value, value._value).GetLower().StoreUnsafe(ref target, (nuint)index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong TopBits(Vector512Words value) => value._value.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Words operator &(Vector512Words left, Vector512Words right) => new(left._value & right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Words operator |(Vector512Words left, Vector512Words right) => new(left._value | right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Words operator ^(Vector512Words left, Vector512Words right) => new(left._value ^ right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Words operator ~(Vector512Words value) => new(~value._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Words operator <<(Vector512Words value, int shift) => new(value._value << shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Words operator >>(Vector512Words value, int shift) => new(value._value >> shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Words operator >>>(Vector512Words value, int shift) => new(value._value >>> shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Words operator +(Vector512Words left, Vector512Words right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Words operator -(Vector512Words left, Vector512Words right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Words operator -(Vector512Words value) => new(-value._value);
}
