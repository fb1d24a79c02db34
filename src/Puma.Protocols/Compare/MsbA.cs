using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Puma.Protocols.Core;
using Puma.Protocols.Net;

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
/// P_hi &amp; G_lo, 1 bit) and the state kept packed between levels (<see cref="CarryTree"/>).
/// [PUMA/SPU] needs 8 rounds and ~256 bits per party.
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
        for (int groups = Nibbles; groups > 1; groups /= 2) cost = cost.Then(PackedAnd.Cost(length, CarryTree.OperandWidth(groups)));
        return cost;
    }

    public static BShare Msb(PartyContext context, AShare x)
    {
        using var _ = context.Scope("msb");
        var msb = BShare.Uninitialized(x.Length);
        context.Run(Steps(context, x, msb));
        return msb;
    }

    /// <summary>The protocol as a coroutine writing into <paramref name="destination"/> (length of x).</summary>
    public static IEnumerable<Step> Steps(PartyContext context, AShare x, BShare destination)
    {
        int n = x.Length;
        if (destination.Length != n) throw new ArgumentException($"Destination holds {destination.Length} bits for {n} elements.", nameof(destination));
        var signs = BShare.Uninitialized(BitPacking.PackedLength(n, 1));
        var state = BShare.Uninitialized(BitPacking.PackedLength(n, 2 * Nibbles));
        try
        {
            foreach (var step in NibbleStage<CarryNibbles>.Steps(context, x, state, signs)) yield return step;
            for (int groups = Nibbles; groups > 1; groups /= 2)
            {
                var next = BShare.Uninitialized(BitPacking.PackedLength(n, CarryTree.OperandWidth(groups)));
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
            XorBits(state.Own.Span, signs.Own.Span, destination.Own.Span);
            XorBits(state.Next.Span, signs.Next.Span, destination.Next.Span);
        }
        finally
        {
            signs.Dispose();
            state.Dispose();
        }
    }

    /// <summary>
    /// destination[e] = bit e of the packed carries ^ bit e of the packed signs. One word of each
    /// gives 64 elements: broadcast, shift each lane by its own offset (vpsrlvq), keep bit 0.
    /// </summary>
    private static void XorBits(ReadOnlySpan<ulong> carries, ReadOnlySpan<ulong> signs, Span<ulong> destination)
    {
        int full = destination.Length / 64, e = 0;
        if (Avx512F.IsSupported)
        {
            var offsets = Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
            for (int w = 0; w < full; w++, e += 64)
            {
                var word = Vector512.Create(carries[w] ^ signs[w]);
                ref ulong target = ref destination[e];
                for (int k = 0; k < 8; k++)
                    (Avx512F.ShiftRightLogicalVariable(word >>> (8 * k), offsets) & Vector512<ulong>.One).StoreUnsafe(ref target, (nuint)(8 * k));
            }
        }
        else if (Avx2.IsSupported)
        {
            var offsets = Vector256.Create(0UL, 1, 2, 3);
            for (int w = 0; w < full; w++, e += 64)
            {
                var word = Vector256.Create(carries[w] ^ signs[w]);
                ref ulong target = ref destination[e];
                for (int k = 0; k < 16; k++)
                    (Avx2.ShiftRightLogicalVariable(word >>> (4 * k), offsets) & Vector256<ulong>.One).StoreUnsafe(ref target, (nuint)(4 * k));
            }
        }
        for (; e < destination.Length; e++) destination[e] = ((carries[e >> 6] ^ signs[e >> 6]) >> (e & 63)) & 1;
    }
}
