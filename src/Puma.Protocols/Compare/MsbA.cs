using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Compare;

/// <summary>
/// Most significant bit of an arithmetic share, as a boolean share with the bit in bit 0 of each
/// word (higher bits zero). Per chunk, the holder knows M = x_k + x_{k+1} and the other two know
/// N = x_{k+2}; msb(x) = M63 ^ N63 ^ carry into bit 63 of M + N (PROTOCOLS.md §6).
/// <para>
/// The carry is a carry-only parallel-prefix tree whose first two levels are skipped: the
/// <see cref="NibbleStage{TCircuit}"/> yields the generate G and propagate P of each of the 16
/// nibbles of positions 0..62 (shifted above a zero position) in 2 rounds, then 4 levels halve the
/// groups: G = G_hi ^ (P_hi &amp; G_lo) (the two terms are never both 1) and P = P_hi &amp; P_lo,
/// with the level's operands bit-packed (16, 8, 4 bits per element; the last level needs only
/// P_hi &amp; G_lo, 1 bit). [PUMA/SPU] needs 8 rounds and ~256 bits per party.
/// </para>
/// Cost: 6 rounds; per element about 256 bits (holder's monomials) + 64 (round 2) + 3·29 (ANDs)
/// in total over the three parties, ≈136 bits per party (exact: <see cref="Cost"/>).
/// </summary>
public static class MsbA
{
    private const int Nibbles = 16;

    public static ProtocolCost Cost(int length)
    {
        var cost = new ProtocolCost(NibbleStage<CarryNibbles>.Rounds, NibbleStage<CarryNibbles>.BytesSent(length));
        for (int groups = Nibbles; groups > 1; groups /= 2) cost = cost.Then(PackedAnd.Cost(length, OperandWidth(groups)));
        return cost;
    }

    public static BShare Msb(PartyContext context, AShare x)
    {
        using var _ = context.Scope("msb");
        var msb = new BShare(x.Length);
        context.Run(Steps(context, x, msb));
        return msb;
    }

    /// <summary>The protocol as a coroutine writing into <paramref name="destination"/> (length of x).</summary>
    public static IEnumerable<Step> Steps(PartyContext context, AShare x, BShare destination)
    {
        int n = x.Length;
        if (destination.Length != n) throw new ArgumentException($"Destination holds {destination.Length} bits for {n} elements.", nameof(destination));
        using var state = new BShare(n);
        using var signs = new BShare(n);
        foreach (var step in NibbleStage<CarryNibbles>.Steps(context, x, state, signs)) yield return step;
        using var left = new BShare(n);
        using var right = new BShare(n);
        using var product = new BShare(n);
        for (int groups = Nibbles; groups > 1; groups /= 2)
        {
            Operands(state.Own, left.Own, right.Own, groups);
            Operands(state.Next, left.Next, right.Next, groups);
            foreach (var step in PackedAnd.Steps(context, left, right, OperandWidth(groups), product)) yield return step;
            Combine(state.Own, product.Own, groups);
            Combine(state.Next, product.Next, groups);
        }
        Ring.Xor(state.Own.Span, signs.Own.Span, destination.Own.Span);
        Ring.Xor(state.Next.Span, signs.Next.Span, destination.Next.Span);
    }

    /// <summary>Bits per element ANDed at the level that combines <paramref name="groups"/> groups.</summary>
    private static int OperandWidth(int groups) => groups == 2 ? 1 : groups;

    /// <summary>Per element (G in the low <paramref name="groups"/> bits, P above): left = [P_hi, P_hi], right = [G_lo, P_lo].</summary>
    private static void Operands(NativeArray state, NativeArray left, NativeArray right, int groups)
    {
        int half = groups / 2;
        ulong low = BitPacking.LowBits(groups);
        var s = state.Span;
        var l = left.Span;
        var r = right.Span;
        for (int e = 0; e < s.Length; e++)
        {
            ulong g = s[e] & low, p = (s[e] >> groups) & low;
            ulong pHigh = BitPacking.Extract(p, BitPacking.OddBits);
            ulong gLow = BitPacking.Extract(g, BitPacking.EvenBits);
            l[e] = groups == 2 ? pHigh : pHigh | (pHigh << half);
            r[e] = groups == 2 ? gLow : gLow | (BitPacking.Extract(p, BitPacking.EvenBits) << half);
        }
    }

    /// <summary>G = G_hi ^ (P_hi &amp; G_lo), P = P_hi &amp; P_lo (no P after the last level).</summary>
    private static void Combine(NativeArray state, NativeArray product, int groups)
    {
        int half = groups / 2;
        ulong low = BitPacking.LowBits(groups);
        var s = state.Span;
        var z = product.Span;
        for (int e = 0; e < s.Length; e++)
        {
            ulong g = BitPacking.Extract(s[e] & low, BitPacking.OddBits) ^ (z[e] & BitPacking.LowBits(half));
            s[e] = groups == 2 ? g : g | ((z[e] >> half) << half);
        }
    }
}
