using Puma.Protocols.Boolean;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Compare;

/// <summary>
/// The sign of a bounded arithmetic share from a 32-bit window of it, two elements per word:
/// for window shift L, the sign of x − ε for some 0 ≤ ε &lt; 2^(L+1), exact when the low L bits of
/// every share component are zero (then ε = 0). Valid for −2^(L+31) + 2^(L+1) ≤ x &lt; 2^(L+31), so a
/// bound |x| &lt; 2^B needs L = <see cref="ShiftFor"/>(B) = max(0, B − 30).
/// <para>
/// Per chunk the holder knows M = x_k + x_{k+1} and the other two know N = x_{k+2}, as in
/// <see cref="MsbA"/>. Bits [L, L+32) of M and of N, two elements to a word, are the operands
/// of <see cref="WindowCarryNibbles"/>: M's window plus N's window (mod 2^32) is x − ε shifted
/// right by L, ε = (M mod 2^L) + (N mod 2^L), and its bit 31 is the sign when x − ε is in range.
/// The carry tree stops at two groups, one per element, whose generates are the two signs.
/// A comparison thus costs half of <see cref="MsbA"/>'s bytes and one round less.
/// </para>
/// Cost: 5 rounds; <see cref="NibbleStage{TCircuit}"/> and three AND levels on ⌈n/2⌉ words (<see cref="Cost"/>).
/// </summary>
public static class CoarseMsbA
{
    private const int WindowBits = 32;

    /// <summary>Groups of nibbles the tree starts from, and where it stops (one group per element).</summary>
    private const int Nibbles = 16, Halves = 2;

    /// <summary>The smallest window shift that keeps values with |x| &lt; 2^<paramref name="magnitudeBits"/> in range.</summary>
    public static int ShiftFor(int magnitudeBits) => Math.Max(0, magnitudeBits - (WindowBits - 2));

    public static ProtocolCost Cost(int length)
    {
        int words = Words(length);
        var cost = new ProtocolCost(NibbleStage<WindowCarryNibbles>.Rounds, NibbleStage<WindowCarryNibbles>.BytesSent(words));
        for (int groups = Nibbles; groups > Halves; groups /= 2) cost = cost.Then(PackedAnd.Cost(words, groups));
        return cost;
    }

    public static BShare Msb(PartyContext context, AShare x, int shift)
    {
        using var _ = context.Scope("coarse_msb");
        var msb = BShare.Uninitialized(x.Length);
        context.Run(Steps(context, x, shift, msb));
        return msb;
    }

    /// <summary>The protocol as a coroutine writing one bit per word of <paramref name="destination"/> (length of x).</summary>
    public static IEnumerable<Step> Steps(PartyContext context, AShare x, int shift, BShare destination)
    {
        int n = x.Length, words = Words(n);
        if (destination.Length != n) throw new ArgumentException($"Destination holds {destination.Length} bits for {n} elements.", nameof(destination));
        ArgumentOutOfRangeException.ThrowIfNegative(shift);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shift, 64 - WindowBits);
        var pool = context.Buffers;
        var windows = pool.RentArithmetic(words);
        var unused = pool.RentBoolean(BitPacking.PackedLength(words, 1));
        var state = pool.RentBoolean(BitPacking.PackedLength(words, 2 * Nibbles));
        try
        {
            WindowOperands(context, x, shift, windows);
            foreach (var step in NibbleStage<WindowCarryNibbles>.Steps(context, windows, state, unused)) yield return step;
            for (int groups = Nibbles; groups > Halves; groups /= 2)
            {
                int operandWords = BitPacking.PackedLength(words, groups);
                var left = pool.RentBoolean(operandWords);
                var right = pool.RentBoolean(operandWords);
                var generateHigh = pool.RentBoolean(operandWords);
                var product = pool.RentBoolean(operandWords);
                try
                {
                    CarryTree.Operands(state.Own.Span, groups, left.Own.Span, right.Own.Span, generateHigh.Own.Span);
                    CarryTree.Operands(state.Next.Span, groups, left.Next.Span, right.Next.Span, generateHigh.Next.Span);
                    foreach (var step in AndBB.Steps(context, left, right, product)) yield return step;
                    Ring.Xor(product.Own.Span, generateHigh.Own.Span, product.Own.Span);
                    Ring.Xor(product.Next.Span, generateHigh.Next.Span, product.Next.Span);
                    (state, product) = (product, state);
                }
                finally
                {
                    pool.Return(left);
                    pool.Return(right);
                    pool.Return(generateHigh);
                    pool.Return(product);
                }
            }
            Signs(state.Own.Span, destination.Own.Span);
            Signs(state.Next.Span, destination.Next.Span);
        }
        finally
        {
            pool.Return(windows);
            pool.Return(unused);
            pool.Return(state);
        }
    }

    private static int Words(int length) => (length + 1) / 2;

    /// <summary>
    /// The stage's operands as a share-shaped vector of ⌈n/2⌉ words: per chunk, the holder's Own is M's
    /// windows (Next zero), the holder's next has N's windows as Next and the holder's prev as Own —
    /// the components <see cref="NibbleStage{TCircuit}"/> reads in each role. An odd last element
    /// pairs with a zero window.
    /// </summary>
    private static void WindowOperands(PartyContext context, AShare x, int shift, AShare windows)
    {
        var own = x.Own.Span;
        var next = x.Next.Span;
        foreach (var slot in ChunkSlot.For(context, windows.Length))
        {
            var windowOwn = windows.Own.Slice(slot.Start, slot.Length);
            var windowNext = windows.Next.Slice(slot.Start, slot.Length);
            for (int w = 0; w < slot.Length; w++)
            {
                int first = 2 * (slot.Start + w), second = first + 1;
                bool paired = second < own.Length;
                switch (slot.Role)
                {
                    case ChunkRole.Holder:
                        windowOwn[w] = Pack(own[first] + next[first], paired ? own[second] + next[second] : 0, shift);
                        windowNext[w] = 0;
                        break;
                    case ChunkRole.HolderNext:
                        windowOwn[w] = 0;
                        windowNext[w] = Pack(next[first], paired ? next[second] : 0, shift);
                        break;
                    default:
                        windowOwn[w] = Pack(own[first], paired ? own[second] : 0, shift);
                        windowNext[w] = 0;
                        break;
                }
            }
        }
    }

    /// <summary>Bits [shift, shift + 32) of the first value in the low half, of the second in the high half.</summary>
    private static ulong Pack(ulong first, ulong second, int shift) => (uint)(first >> shift) | ((ulong)(uint)(second >> shift) << 32);

    /// <summary>From the final state (4-bit fields G_lo, G_hi, P_lo, P_hi per word): element 2w gets G_lo, 2w + 1 gets G_hi.</summary>
    private static void Signs(ReadOnlySpan<ulong> state, Span<ulong> destination)
    {
        for (int e = 0; e < destination.Length; e++)
        {
            int word = e >> 1;
            destination[e] = (state[word >> 4] >> (4 * (word & 15) + (e & 1))) & 1;
        }
    }
}
