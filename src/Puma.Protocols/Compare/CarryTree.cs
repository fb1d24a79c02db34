using System.Runtime.CompilerServices;
using Puma.Protocols.Boolean;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Compare;

/// <summary>
/// The local steps of one level of <see cref="MsbA"/>'s carry tree, word-parallel on bit-packed
/// operands. A level that combines <c>groups</c> groups holds per element a field of 2·groups
/// bits, G (generate) in the low half and P (propagate) in the high half, fields packed one after
/// another (<see cref="BitPacking.Pack"/>'s layout). Pairs of groups combine as
/// G = G_hi ^ (P_hi &amp; G_lo), P = P_hi &amp; P_lo, so the level ANDs left = [P_hi, P_hi] with
/// right = [G_lo, P_lo] (fields of <c>groups</c> bits, packed) and the next state is the product
/// XOR [G_hi, 0]. Every step is linear over XOR, so it applies to each component of a boolean
/// share alike. The fields of a word move together: one <c>pext</c> gathers the wanted bits of
/// all fields of a state word, one <c>pdep</c> spreads them into the operand fields.
/// </summary>
internal static class CarryTree
{
    /// <summary>Bits per element ANDed at the level that combines <paramref name="groups"/> groups (and held by the state after it).</summary>
    public static int OperandWidth(int groups) => groups == 2 ? 1 : groups;

    /// <summary>
    /// One level as a protocol step: the AND of the level's operands, XOR G_hi, written to
    /// <paramref name="next"/> (⌈n·<see cref="OperandWidth"/>/64⌉ words for n elements).
    /// </summary>
    public static IEnumerable<Step> Combine(PartyContext context, BShare state, int groups, BShare next)
    {
        int words = next.Length;
        var left = BShare.Uninitialized(words);
        var right = BShare.Uninitialized(words);
        var generateHigh = BShare.Uninitialized(words);
        try
        {
            foreach (var (from, l, r, g) in (ReadOnlySpan<(NativeArray, NativeArray, NativeArray, NativeArray)>)[(state.Own, left.Own, right.Own, generateHigh.Own), (state.Next, left.Next, right.Next, generateHigh.Next)])
            {
                if (groups == 2) LastOperands(from.Span, l.Span, r.Span, g.Span, context.Config.KernelThreads);
                else Operands(from.Span, groups, l.Span, r.Span, g.Span, context.Config.KernelThreads);
            }
            foreach (var step in AndBB.Steps(context, left, right, next)) yield return step;
            Ring.Xor(next.Own.Span, generateHigh.Own.Span, next.Own.Span);
            Ring.Xor(next.Next.Span, generateHigh.Next.Span, next.Next.Span);
        }
        finally
        {
            left.Dispose();
            right.Dispose();
            generateHigh.Dispose();
        }
    }

    /// <summary>
    /// Writes the level's AND operands and the G_hi term (in the low half of each operand field)
    /// from <paramref name="state"/> (fields of 2·<paramref name="groups"/> bits, groups 4, 8 or 16).
    /// The outputs hold <c>⌈state.Length / 2⌉</c> words; bits past the last field are zero when
    /// the state's are. Output words are independent, so they are split over up to
    /// <paramref name="threads"/> threads.
    /// </summary>
    public static unsafe void Operands(ReadOnlySpan<ulong> state, int groups, Span<ulong> left, Span<ulong> right, Span<ulong> generateHigh, int threads = 1)
    {
        int words = (state.Length + 1) / 2;
        if (left.Length < words || right.Length < words || generateHigh.Length < words)
            throw new ArgumentException($"The operands of {state.Length} state words need {words} words each.");
        fixed (ulong* s = state, l = left, r = right, g = generateHigh)
            ParallelChunks.For(words, threads, new OperandChunks(new LevelMasks(groups), s, state.Length, l, r, g));
    }

    /// <summary>
    /// The last level (two groups, fields of 4 bits): left = P_hi, right = G_lo, and G_hi, one bit
    /// per element, 64 to a word (<c>⌈state.Length / 4⌉</c> words), split over up to
    /// <paramref name="threads"/> threads.
    /// </summary>
    public static unsafe void LastOperands(ReadOnlySpan<ulong> state, Span<ulong> left, Span<ulong> right, Span<ulong> generateHigh, int threads = 1)
    {
        int words = (state.Length + 3) / 4;
        if (left.Length < words || right.Length < words || generateHigh.Length < words)
            throw new ArgumentException($"The operands of {state.Length} state words need {words} words each.");
        fixed (ulong* s = state, l = left, r = right, g = generateHigh)
            ParallelChunks.For(words, threads, new LastOperandChunks(s, state.Length, l, r, g));
    }

    /// <summary>Output words [start, start + count) of <see cref="Operands"/>: two state words each.</summary>
    private readonly unsafe struct OperandChunks(LevelMasks masks, ulong* state, int stateLength, ulong* left, ulong* right, ulong* generateHigh) : IChunkBody
    {
        public void Run(int start, int count)
        {
            for (int w = start; w < start + count; w++)
                masks.Write(state[2 * w], 2 * w + 1 < stateLength ? state[2 * w + 1] : 0, out left[w], out right[w], out generateHigh[w]);
        }
    }

    /// <summary>Output words [start, start + count) of <see cref="LastOperands"/>: four state words each.</summary>
    private readonly unsafe struct LastOperandChunks(ulong* state, int stateLength, ulong* left, ulong* right, ulong* generateHigh) : IChunkBody
    {
        public void Run(int start, int count)
        {
            const ulong GenerateLow = 0x1111_1111_1111_1111UL;
            for (int w = start; w < start + count; w++)
            {
                ulong l = 0, r = 0, g = 0;
                for (int j = 0, first = 4 * w; j < 4 && first + j < stateLength; j++)
                {
                    ulong s = state[first + j];
                    l |= BitPacking.Extract(s, GenerateLow << 3) << (16 * j);
                    r |= BitPacking.Extract(s, GenerateLow) << (16 * j);
                    g |= BitPacking.Extract(s, GenerateLow << 1) << (16 * j);
                }
                left[w] = l;
                right[w] = r;
                generateHigh[w] = g;
            }
        }
    }

    /// <summary>Masks of a level with <c>groups</c> groups: per 2·groups-bit state field and per groups-bit operand field.</summary>
    private readonly struct LevelMasks(int groups)
    {
        private readonly int _half = groups / 2;
        private readonly ulong _propagateHigh = BitPacking.Repeat((BitPacking.OddBits & BitPacking.LowBits(groups)) << groups, 2 * groups);
        private readonly ulong _generateHigh = BitPacking.Repeat(BitPacking.OddBits & BitPacking.LowBits(groups), 2 * groups);
        private readonly ulong _lowHalves = BitPacking.Repeat(BitPacking.LowBits(groups / 2), groups);

        /// <summary>
        /// Two state words (64/groups elements) give one operand word: each state word yields 32
        /// bits of [G_lo, P_lo] and 16 bits each of P_hi and G_hi.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write(ulong first, ulong second, out ulong left, out ulong right, out ulong generateHigh)
        {
            right = BitPacking.Extract(first, BitPacking.EvenBits) | (BitPacking.Extract(second, BitPacking.EvenBits) << 32);
            ulong propagate = BitPacking.Deposit(BitPacking.Extract(first, _propagateHigh) | (BitPacking.Extract(second, _propagateHigh) << 16), _lowHalves);
            left = propagate | (propagate << _half);
            generateHigh = BitPacking.Deposit(BitPacking.Extract(first, _generateHigh) | (BitPacking.Extract(second, _generateHigh) << 16), _lowHalves);
        }
    }
}
