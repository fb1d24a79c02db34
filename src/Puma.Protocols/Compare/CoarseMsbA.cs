using Puma.Protocols.Core;
using Puma.Protocols.Net;

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
        var windows = AShare.Uninitialized(words);
        var unused = BShare.Uninitialized(BitPacking.PackedLength(words, 1));
        var state = BShare.Uninitialized(BitPacking.PackedLength(words, 2 * Nibbles));
        try
        {
            WindowOperands(context, x, shift, windows);
            foreach (var step in NibbleStage<WindowCarryNibbles>.Steps(context, windows, state, unused)) yield return step;
            for (int groups = Nibbles; groups > Halves; groups /= 2)
            {
                var next = BShare.Uninitialized(BitPacking.PackedLength(words, groups));
                try
                {
                    foreach (var step in CarryTree.Combine(context, state, groups, next)) yield return step;
                    (state, next) = (next, state);
                }
                finally
                {
                    next.Dispose();
                }
            }
            Signs(state.Own.Span, destination.Own.Span);
            Signs(state.Next.Span, destination.Next.Span);
        }
        finally
        {
            windows.Dispose();
            unused.Dispose();
            state.Dispose();
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
        foreach (var slot in ChunkSlot.For(context, windows.Length))
        {
            var windowOwn = windows.Own.Slice(slot.Start, slot.Length);
            var windowNext = windows.Next.Slice(slot.Start, slot.Length);
            int first = 2 * slot.Start, count = Math.Min(2 * slot.Length, x.Length - first);
            switch (slot.Role)
            {
                case ChunkRole.Holder:
                    PackSums(x.Own.Slice(first, count), x.Next.Slice(first, count), shift, windowOwn);
                    windowNext.Clear();
                    break;
                case ChunkRole.HolderNext:
                    PackSums(x.Next.Slice(first, count), default, shift, windowNext);
                    windowOwn.Clear();
                    break;
                default:
                    PackSums(x.Own.Slice(first, count), default, shift, windowOwn);
                    windowNext.Clear();
                    break;
            }
        }
    }

    /// <summary>
    /// windows[w] = the windows of a[2w] + b[2w] and a[2w + 1] + b[2w + 1] (b empty: a alone; a
    /// missing second element: a zero window).
    /// </summary>
    private static void PackSums(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, int shift, Span<ulong> windows)
    {
        int pairs = a.Length / 2;
        if (b.IsEmpty)
        {
            for (int w = 0; w < pairs; w++) windows[w] = Pack(a[2 * w], a[2 * w + 1], shift);
            if (a.Length % 2 == 1) windows[pairs] = Pack(a[^1], 0, shift);
        }
        else
        {
            for (int w = 0; w < pairs; w++) windows[w] = Pack(a[2 * w] + b[2 * w], a[2 * w + 1] + b[2 * w + 1], shift);
            if (a.Length % 2 == 1) windows[pairs] = Pack(a[^1] + b[^1], 0, shift);
        }
    }

    /// <summary>Bits [shift, shift + 32) of the first value in the low half, of the second in the high half.</summary>
    private static ulong Pack(ulong first, ulong second, int shift) => (uint)(first >> shift) | ((ulong)(uint)(second >> shift) << 32);

    /// <summary>
    /// From the final state (4-bit fields G_lo, G_hi, P_lo, P_hi per word, 16 to a state word):
    /// element 2w gets G_lo, 2w + 1 gets G_hi, so one gather of bits 0 and 1 of every field gives
    /// 32 elements' signs in order.
    /// </summary>
    private static void Signs(ReadOnlySpan<ulong> state, Span<ulong> destination)
    {
        const ulong Generates = 0x3333_3333_3333_3333UL;
        for (int w = 0, start = 0; start < destination.Length; w++, start += 32)
        {
            ulong signs = BitPacking.Extract(state[w], Generates);
            var group = destination.Slice(start, Math.Min(32, destination.Length - start));
            for (int j = 0; j < group.Length; j++, signs >>= 1) group[j] = signs & 1;
        }
    }
}
