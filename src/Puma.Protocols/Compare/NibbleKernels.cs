using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Puma.Simd;

namespace Puma.Protocols.Compare;

/// <summary>
/// The two per-element kernels of <see cref="NibbleStage{TCircuit}"/>, written once over
/// <see cref="IWordLanes{T}"/> so that a vector handles several elements per instruction and every
/// width gives the same bits.
/// <para>
/// Interleaved layout: each element has <see cref="MonomialWords"/> words; word w holds, for each
/// nibble k, the 4 slots 4w..4w+3 at bits 4k..4k+3 (slot 4w + j at bit 4k + j). Slot S ≠ 0 of nibble
/// k is the monomial ∏_{i∈S} a_i of that nibble; slot 0 of nibble 0 is the extra bit and slot 0 of
/// the other nibbles is zero. Within a chunk of L elements, word w of element e sits at w·L + e, so
/// the same word of consecutive elements loads as one vector.
/// </para>
/// The non-holders evaluate f on the same layout: bit 4k + j of evaluation word w is f at the
/// pattern 4w + j of A's nibble k, so A's bits 0 and 1 are the constants 0xAAAA… and 0xCCCC… and
/// bits 2 and 3 are all-zero or all-one per word.
/// </summary>
internal static class NibbleKernels<TCircuit> where TCircuit : INibbleCircuit
{
    /// <summary>Words of monomial slots per element: 16 nibbles × 16 slots.</summary>
    public const int MonomialWords = 4;

    /// <summary>Slot 0 (the empty monomial) of every nibble.</summary>
    private const ulong EmptySlots = 0x1111_1111_1111_1111UL;

    /// <summary>Slots whose pattern has bit 0 set (A's bit 0 as a constant plane).</summary>
    private const ulong PatternBit0 = 0xAAAA_AAAA_AAAA_AAAAUL;

    /// <summary>Slots whose pattern has bit 1 set (A's bit 1 as a constant plane).</summary>
    private const ulong PatternBit1 = 0xCCCC_CCCC_CCCC_CCCCUL;

    /// <summary>
    /// Per element: the monomial words XOR the mask <paramref name="t0"/> (same layout), into
    /// <paramref name="monomials"/>; bit e of the extras gets the extra slot of t0 and of the masked
    /// words (the holder's two components of the extra bit). Split over up to
    /// <paramref name="threads"/> threads in chunks of whole extra words, the same bits for any count.
    /// </summary>
    public static unsafe void WriteMaskedMonomials(ReadOnlySpan<ulong> own, ReadOnlySpan<ulong> next, ReadOnlySpan<ulong> t0, Span<ulong> monomials, Span<ulong> ownExtra, Span<ulong> nextExtra, int threads = 1)
    {
        ownExtra.Clear();
        nextExtra.Clear();
        fixed (ulong* pOwn = own, pNext = next, pT0 = t0, pMonomials = monomials, pOwnExtra = ownExtra, pNextExtra = nextExtra)
        {
            var body = new MonomialChunks(pOwn, pNext, own.Length, pT0, t0.Length, pMonomials, monomials.Length, pOwnExtra, pNextExtra, ownExtra.Length, nextExtra.Length);
            ParallelChunks.For(own.Length, threads, body);
        }
    }

    /// <summary>
    /// This party's XOR part of f: ⊕_{S≠∅} c_S(B)·T_S, plus c_∅(B) when <paramref name="addConstant"/>,
    /// packed into <paramref name="part"/> (<see cref="INibbleCircuit.OutputBits"/> per element,
    /// <see cref="BitPacking.Pack"/>'s layout); bit e of the extras gets the extra slot of element e's
    /// monomial words and bit 63 of its N (when the circuit shares top bits). Split over up to
    /// <paramref name="threads"/> threads like <see cref="WriteMaskedMonomials(ReadOnlySpan{ulong}, ReadOnlySpan{ulong}, ReadOnlySpan{ulong}, Span{ulong}, Span{ulong}, Span{ulong}, int)"/>.
    /// </summary>
    public static unsafe void PartOfCircuit(ReadOnlySpan<ulong> monomials, ReadOnlySpan<ulong> n, bool addConstant, Span<ulong> part, Span<ulong> monomialExtra, Span<ulong> pairExtra, int threads = 1)
    {
        part.Clear();
        monomialExtra.Clear();
        pairExtra.Clear();
        fixed (ulong* pMonomials = monomials, pN = n, pPart = part, pMonomialExtra = monomialExtra, pPairExtra = pairExtra)
        {
            var body = new CircuitChunks(pMonomials, monomials.Length, pN, n.Length, addConstant, pPart, part.Length, pMonomialExtra, pPairExtra, monomialExtra.Length, pairExtra.Length);
            ParallelChunks.For(n.Length, threads, body);
        }
    }

    /// <summary>Elements [start, end) of <see cref="WriteMaskedMonomials(ReadOnlySpan{ulong}, ReadOnlySpan{ulong}, ReadOnlySpan{ulong}, Span{ulong}, Span{ulong}, Span{ulong}, int)"/> with the widest accelerated words.</summary>
    private static void MonomialRange(ReadOnlySpan<ulong> own, ReadOnlySpan<ulong> next, ReadOnlySpan<ulong> t0, Span<ulong> monomials, Span<ulong> ownExtra, Span<ulong> nextExtra, int start, int end)
    {
        int done = Vector512.IsHardwareAccelerated ? MonomialBlocks<Vector512Words>(own, next, t0, monomials, ownExtra, nextExtra, start, end)
            : Vector256.IsHardwareAccelerated ? MonomialBlocks<Vector256Words>(own, next, t0, monomials, ownExtra, nextExtra, start, end)
            : Vector128.IsHardwareAccelerated ? MonomialBlocks<Vector128Words>(own, next, t0, monomials, ownExtra, nextExtra, start, end)
            : start;
        MonomialBlocks<ScalarWords>(own, next, t0, monomials, ownExtra, nextExtra, done, end);
    }

    /// <summary>Elements [start, end) of <see cref="PartOfCircuit(ReadOnlySpan{ulong}, ReadOnlySpan{ulong}, bool, Span{ulong}, Span{ulong}, Span{ulong}, int)"/> with the widest accelerated words.</summary>
    private static void CircuitRange(ReadOnlySpan<ulong> monomials, ReadOnlySpan<ulong> n, bool addConstant, Span<ulong> part, Span<ulong> monomialExtra, Span<ulong> pairExtra, int start, int end)
    {
        int done = Vector512.IsHardwareAccelerated ? CircuitBlocks<Vector512Words>(monomials, n, addConstant, part, monomialExtra, pairExtra, start, end)
            : Vector256.IsHardwareAccelerated ? CircuitBlocks<Vector256Words>(monomials, n, addConstant, part, monomialExtra, pairExtra, start, end)
            : Vector128.IsHardwareAccelerated ? CircuitBlocks<Vector128Words>(monomials, n, addConstant, part, monomialExtra, pairExtra, start, end)
            : start;
        CircuitBlocks<ScalarWords>(monomials, n, addConstant, part, monomialExtra, pairExtra, done, end);
    }

    /// <summary>A chunk of <see cref="MonomialRange"/> on pinned operands; chunks start at multiples of 64 elements, so no two write one extra word.</summary>
    private readonly unsafe struct MonomialChunks(
        ulong* own, ulong* next, int length, ulong* t0, int t0Length, ulong* monomials, int monomialsLength,
        ulong* ownExtra, ulong* nextExtra, int ownExtraLength, int nextExtraLength) : IChunkBody
    {
        public void Run(int start, int count) => MonomialRange(
            new ReadOnlySpan<ulong>(own, length), new ReadOnlySpan<ulong>(next, length), new ReadOnlySpan<ulong>(t0, t0Length),
            new Span<ulong>(monomials, monomialsLength), new Span<ulong>(ownExtra, ownExtraLength), new Span<ulong>(nextExtra, nextExtraLength),
            start, start + count);
    }

    /// <summary>A chunk of <see cref="CircuitRange"/> on pinned operands; chunks start at multiples of 64 elements, so no two write one packed word.</summary>
    private readonly unsafe struct CircuitChunks(
        ulong* monomials, int monomialsLength, ulong* n, int length, bool addConstant, ulong* part, int partLength,
        ulong* monomialExtra, ulong* pairExtra, int monomialExtraLength, int pairExtraLength) : IChunkBody
    {
        public void Run(int start, int count) => CircuitRange(
            new ReadOnlySpan<ulong>(monomials, monomialsLength), new ReadOnlySpan<ulong>(n, length), addConstant,
            new Span<ulong>(part, partLength), new Span<ulong>(monomialExtra, monomialExtraLength), new Span<ulong>(pairExtra, pairExtraLength),
            start, start + count);
    }

    /// <summary><see cref="WriteMaskedMonomials(ReadOnlySpan{ulong}, ReadOnlySpan{ulong}, ReadOnlySpan{ulong}, Span{ulong}, Span{ulong}, Span{ulong})"/> with <typeparamref name="T"/>, then one word at a time for the tail.</summary>
    internal static void WriteMaskedMonomials<T>(ReadOnlySpan<ulong> own, ReadOnlySpan<ulong> next, ReadOnlySpan<ulong> t0, Span<ulong> monomials, Span<ulong> ownExtra, Span<ulong> nextExtra)
        where T : struct, IWordLanes<T>
    {
        ownExtra.Clear();
        nextExtra.Clear();
        int done = MonomialBlocks<T>(own, next, t0, monomials, ownExtra, nextExtra, 0, own.Length);
        MonomialBlocks<ScalarWords>(own, next, t0, monomials, ownExtra, nextExtra, done, own.Length);
    }

    /// <summary><see cref="PartOfCircuit(ReadOnlySpan{ulong}, ReadOnlySpan{ulong}, bool, Span{ulong}, Span{ulong}, Span{ulong})"/> with <typeparamref name="T"/>, then one word at a time for the tail.</summary>
    internal static void PartOfCircuit<T>(ReadOnlySpan<ulong> monomials, ReadOnlySpan<ulong> n, bool addConstant, Span<ulong> part, Span<ulong> monomialExtra, Span<ulong> pairExtra)
        where T : struct, IWordLanes<T>
    {
        part.Clear();
        monomialExtra.Clear();
        pairExtra.Clear();
        int done = CircuitBlocks<T>(monomials, n, addConstant, part, monomialExtra, pairExtra, 0, n.Length);
        CircuitBlocks<ScalarWords>(monomials, n, addConstant, part, monomialExtra, pairExtra, done, n.Length);
    }

    /// <summary>Whole groups of <typeparamref name="T"/> elements from <paramref name="start"/> up to <paramref name="end"/>; returns where they stop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int MonomialBlocks<T>(ReadOnlySpan<ulong> own, ReadOnlySpan<ulong> next, ReadOnlySpan<ulong> t0, Span<ulong> monomials, Span<ulong> ownExtra, Span<ulong> nextExtra, int start, int end)
        where T : struct, IWordLanes<T>
    {
        int length = own.Length, e = start;
        if (t0.Length < MonomialWords * length || monomials.Length < MonomialWords * length || next.Length < length) ThrowDoNotFit(length);
        T nonEmptySlots = T.Broadcast(~EmptySlots);
        // Slot j of a nibble is the product of A's bits 0 and 1 that j selects: 1, a0, a1, a0·a1.
        T withoutBit0 = T.Broadcast(~PatternBit0), withoutBit1 = T.Broadcast(~PatternBit1);
        for (; e <= end - T.Count; e += T.Count)
        {
            T m = T.Load(own, e) + T.Load(next, e);
            T a = TCircuit.HolderOperand(m);
            T low = (Replicate<T>(a, 0) | withoutBit0) & (Replicate<T>(a, 1) | withoutBit1);
            T a2 = Replicate<T>(a, 2), a3 = Replicate<T>(a, 3);
            T extraBit = TCircuit.SharesTopBits ? m >>> 63 : T.Broadcast(0);
            T mask0 = T.Load(t0, e);
            T word0 = ((low & nonEmptySlots) | extraBit) ^ mask0;
            T word1 = low & a2;
            T.Store(word0, monomials, e);
            T.Store(word1 ^ T.Load(t0, length + e), monomials, length + e);
            T.Store((low & a3) ^ T.Load(t0, 2 * length + e), monomials, 2 * length + e);
            T.Store((word1 & a3) ^ T.Load(t0, 3 * length + e), monomials, 3 * length + e);
            ownExtra[e >> 6] |= T.TopBits(mask0 << 63) << (e & 63);
            nextExtra[e >> 6] |= T.TopBits(word0 << 63) << (e & 63);
        }
        return e;
    }

    /// <summary>
    /// Whole groups of <typeparamref name="T"/> elements from <paramref name="start"/> up to <paramref name="end"/>; returns where they stop.
    /// Instead of Möbius-transforming f's values into coefficients c = M·f and taking ⊕ c_S·T_S, it takes
    /// ⊕ f_P·(Mᵀ·T)_P, the same sum with the transpose (each slot gets the XOR over its superset slots)
    /// applied once to the monomial words rather than to each output plane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CircuitBlocks<T>(ReadOnlySpan<ulong> monomials, ReadOnlySpan<ulong> n, bool addConstant, Span<ulong> part, Span<ulong> monomialExtra, Span<ulong> pairExtra, int start, int end)
        where T : struct, IWordLanes<T>
    {
        int length = n.Length, e = start;
        if (monomials.Length < MonomialWords * length || part.Length < BitPacking.PackedLength(length, TCircuit.OutputBits)) ThrowDoNotFit(length);
        // Little-endian: field e of a packed stream of 16- or 32-bit fields is element e of the stream seen as ushorts or uints.
        var fields16 = MemoryMarshal.Cast<ulong, ushort>(part);
        var fields32 = MemoryMarshal.Cast<ulong, uint>(part);
        T patternBit0 = T.Broadcast(PatternBit0), patternBit1 = T.Broadcast(PatternBit1);
        T none = T.Broadcast(0), all = T.Broadcast(ulong.MaxValue);
        T nonEmptySlots = T.Broadcast(~EmptySlots), constant = T.Broadcast(addConstant ? EmptySlots : 0);
        T top = T.Broadcast(TCircuit.TopNibbles);
        for (; e <= end - T.Count; e += T.Count)
        {
            T word = T.Load(n, e);
            T b = TCircuit.PairOperand(word);
            T b0 = Replicate<T>(b, 0), b1 = Replicate<T>(b, 1), b2 = Replicate<T>(b, 2), b3 = Replicate<T>(b, 3);
            T t0 = T.Load(monomials, e);
            T s0 = SupersetSums<T>((t0 & nonEmptySlots) | constant);
            T s1 = SupersetSums<T>(T.Load(monomials, length + e));
            T s2 = SupersetSums<T>(T.Load(monomials, 2 * length + e));
            T s3 = SupersetSums<T>(T.Load(monomials, 3 * length + e));
            // Across words: word w gets the XOR of the words whose index is a superset of w (bits 2 and 3 of the slot).
            s2 ^= s3;
            s1 ^= s3;
            s0 ^= s1 ^ s2 ^ s3;
            var (first0, second0) = TCircuit.Evaluate(patternBit0, patternBit1, none, none, b0, b1, b2, b3, top);
            var (first1, second1) = TCircuit.Evaluate(patternBit0, patternBit1, all, none, b0, b1, b2, b3, top);
            var (first2, second2) = TCircuit.Evaluate(patternBit0, patternBit1, none, all, b0, b1, b2, b3, top);
            var (first3, second3) = TCircuit.Evaluate(patternBit0, patternBit1, all, all, b0, b1, b2, b3, top);
            T value = NibbleSums<T>((first0 & s0) ^ (first1 & s1) ^ (first2 & s2) ^ (first3 & s3));
            if (TCircuit.OutputBits == 32)
                T.StoreLow32(value | (NibbleSums<T>((second0 & s0) ^ (second1 & s1) ^ (second2 & s2) ^ (second3 & s3)) << 16), fields32, e);
            else
                T.StoreLow16(value, fields16, e);
            monomialExtra[e >> 6] |= T.TopBits(t0 << 63) << (e & 63);
            if (TCircuit.SharesTopBits) pairExtra[e >> 6] |= T.TopBits(word) << (e & 63);
        }
        return e;
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDoNotFit(int length) => throw new ArgumentException($"The buffers are too short for the words of {length} elements.");

    /// <summary>Bit <paramref name="bit"/> of each nibble copied over the nibble's 4 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Replicate<T>(T value, int bit)
        where T : struct, IWordLanes<T>
    {
        T single = (value >>> bit) & T.Broadcast(EmptySlots);
        // single·15 with no carries between nibbles (15·2^60 < 2^64).
        return (single << 4) - single;
    }

    /// <summary>Within each nibble, slot j gets the XOR of the slots whose index is a superset of j (bits 0 and 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T SupersetSums<T>(T slots)
        where T : struct, IWordLanes<T>
    {
        slots ^= (slots >>> 1) & T.Broadcast(~PatternBit0);
        return slots ^ ((slots >>> 2) & T.Broadcast(~PatternBit1));
    }

    /// <summary>The XOR of each nibble's 4 bits, nibble k to bit k of a 16-bit result.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T NibbleSums<T>(T slots)
        where T : struct, IWordLanes<T>
    {
        slots ^= slots >>> 1;
        slots ^= slots >>> 2;
        slots &= T.Broadcast(EmptySlots);
        slots = (slots | (slots >>> 3)) & T.Broadcast(0x0303_0303_0303_0303UL);
        slots = (slots | (slots >>> 6)) & T.Broadcast(0x000F_000F_000F_000FUL);
        slots = (slots | (slots >>> 12)) & T.Broadcast(0x0000_00FF_0000_00FFUL);
        return (slots | (slots >>> 24)) & T.Broadcast(0xFFFFUL);
    }
}
