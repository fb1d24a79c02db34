using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Puma.Protocols.Compare;

/// <summary>
/// Bit selection and packing used to compress boolean circuits before their AND rounds. Every
/// operation here is linear over XOR, so applying it to each component of a boolean share is
/// applying it to the shared value. BMI2 <c>pext</c> where the JIT offers it, a scalar loop
/// otherwise; both give the same bits.
/// </summary>
internal static class BitPacking
{
    /// <summary>Bits 0, 2, 4, … (the low member of each pair).</summary>
    public const ulong EvenBits = 0x5555_5555_5555_5555UL;

    /// <summary>Bits 1, 3, 5, … (the high member of each pair).</summary>
    public const ulong OddBits = 0xAAAA_AAAA_AAAA_AAAAUL;

    /// <summary>The bits of <paramref name="value"/> selected by <paramref name="mask"/>, gathered at the bottom in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Extract(ulong value, ulong mask)
        => Bmi2.X64.IsSupported ? Bmi2.X64.ParallelBitExtract(value, mask) : ExtractScalar(value, mask);

    /// <summary>The low bits of <paramref name="value"/> scattered, in order, to the positions set in <paramref name="mask"/> (inverse of <see cref="Extract"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Deposit(ulong value, ulong mask)
        => Bmi2.X64.IsSupported ? Bmi2.X64.ParallelBitDeposit(value, mask) : DepositScalar(value, mask);

    /// <summary><paramref name="pattern"/> (its low <paramref name="width"/> bits) copied into every <paramref name="width"/>-bit field of a word.</summary>
    public static ulong Repeat(ulong pattern, int width) => (pattern & LowBits(width)) * (ulong.MaxValue / LowBits(width));

    /// <summary>Mask of the low <paramref name="bits"/> bits (0..64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong LowBits(int bits) => bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;

    /// <summary>Words needed for <paramref name="count"/> fields of <paramref name="width"/> bits (a power of two up to 64).</summary>
    public static int PackedLength(int count, int width) => (int)(((long)count * width + 63) / 64);

    /// <summary>Field e (its low <paramref name="width"/> bits) goes to bits [e·width, (e+1)·width) of the packed stream.</summary>
    public static void Pack(ReadOnlySpan<ulong> fields, int width, Span<ulong> packed)
    {
        int perWord = 64 / width;
        ulong mask = LowBits(width);
        int full = fields.Length / perWord;
        for (int w = 0; w < full; w++)
        {
            var group = fields.Slice(w * perWord, perWord);
            ulong word = 0;
            for (int j = 0, shift = 0; j < group.Length; j++, shift += width) word |= (group[j] & mask) << shift;
            packed[w] = word;
        }
        packed[full..].Clear();
        var tail = fields[(full * perWord)..];
        for (int j = 0, shift = 0; j < tail.Length; j++, shift += width) packed[full] |= (tail[j] & mask) << shift;
    }

    /// <summary>Inverse of <see cref="Pack"/>: each field gets its <paramref name="width"/> bits, higher bits zero.</summary>
    public static void Unpack(ReadOnlySpan<ulong> packed, int width, Span<ulong> fields)
    {
        int perWord = 64 / width;
        ulong mask = LowBits(width);
        for (int w = 0, start = 0; start < fields.Length; w++, start += perWord)
        {
            var group = fields.Slice(start, Math.Min(perWord, fields.Length - start));
            ulong word = packed[w];
            for (int j = 0; j < group.Length; j++, word >>= width) group[j] = word & mask;
        }
    }

    /// <summary>
    /// ORs the first <paramref name="count"/> fields of <paramref name="fields"/> (packed, <paramref name="width"/>
    /// bits each; bits past them ignored) into <paramref name="packed"/> from field <paramref name="firstField"/> on,
    /// whose bits there must be zero: a chunk's packed fields placed in the packed stream of the whole vector.
    /// </summary>
    public static void Place(ReadOnlySpan<ulong> fields, int width, int count, Span<ulong> packed, int firstField)
    {
        long bits = (long)count * width, offset = (long)firstField * width;
        int words = (int)((bits + 63) / 64), at = (int)(offset >> 6), shift = (int)(offset & 63);
        for (int i = 0; i < words; i++)
        {
            ulong word = i == words - 1 ? fields[i] & LowBits((int)(bits - 64L * i)) : fields[i];
            packed[at + i] |= word << shift;
            if (shift != 0 && at + i + 1 < packed.Length) packed[at + i + 1] |= word >> (64 - shift);
        }
    }

    internal static ulong DepositScalar(ulong value, ulong mask)
    {
        ulong result = 0;
        for (ulong rest = mask; rest != 0; rest &= rest - 1, value >>= 1)
        {
            if ((value & 1) != 0) result |= rest & (0UL - rest);
        }
        return result;
    }

    internal static ulong ExtractScalar(ulong value, ulong mask)
    {
        ulong result = 0;
        int position = 0;
        for (ulong rest = mask; rest != 0; rest &= rest - 1, position++)
        {
            if ((value & rest & (0UL - rest)) != 0) result |= 1UL << position;
        }
        return result;
    }
}
