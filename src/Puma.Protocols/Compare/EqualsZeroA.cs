using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Compare;

/// <summary>
/// x == 0 for an arithmetic share, as a boolean share with the bit in bit 0. Per chunk,
/// x = M + N is zero iff M = −N bit for bit: the <see cref="NibbleStage{TCircuit}"/> gives the
/// 16 per-nibble equality bits in 2 rounds, then an AND tree over them (8, 4, 2, 1 packed bits
/// per element) in 4 rounds. Cost: 6 rounds (the spec's bound is log2(64)); per element about
/// 256 + 32 + 3·15 bits in total, ≈111 bits per party (exact: <see cref="Cost"/>).
/// </summary>
public static class EqualsZeroA
{
    private const int Nibbles = 16;

    public static ProtocolCost Cost(int length)
    {
        var cost = new ProtocolCost(NibbleStage<EqualityNibbles>.Rounds, NibbleStage<EqualityNibbles>.BytesSent(length));
        for (int groups = Nibbles; groups > 1; groups /= 2) cost = cost.Then(PackedAnd.Cost(length, groups / 2));
        return cost;
    }

    public static BShare EqualsZero(PartyContext context, AShare x)
    {
        using var _ = context.Scope("equals_zero");
        var result = new BShare(x.Length);
        context.Run(Steps(context, x, result));
        return result;
    }

    /// <summary>x == y elementwise (x − y == 0; always exact in the ring).</summary>
    public static BShare Equal(PartyContext context, AShare x, AShare y)
    {
        using var _ = context.Scope("equals_zero");
        using var difference = new AShare(x.Length);
        LinearA.Subtract(x, y, difference);
        var result = new BShare(x.Length);
        context.Run(Steps(context, difference, result));
        return result;
    }

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, BShare destination)
    {
        int n = x.Length;
        if (destination.Length != n) throw new ArgumentException($"Destination holds {destination.Length} bits for {n} elements.", nameof(destination));
        using (var packed = new BShare(BitPacking.PackedLength(n, Nibbles)))
        using (var noExtraBits = new BShare(BitPacking.PackedLength(n, 1)))
        {
            foreach (var step in NibbleStage<EqualityNibbles>.Steps(context, x, packed, noExtraBits)) yield return step;
            BitPacking.Unpack(packed.Own.Span, Nibbles, destination.Own.Span);
            BitPacking.Unpack(packed.Next.Span, Nibbles, destination.Next.Span);
        }
        using var left = new BShare(n);
        using var right = new BShare(n);
        for (int groups = Nibbles; groups > 1; groups /= 2)
        {
            Halves(destination.Own, left.Own, right.Own);
            Halves(destination.Next, left.Next, right.Next);
            foreach (var step in PackedAnd.Steps(context, left, right, groups / 2, destination)) yield return step;
        }
    }

    /// <summary>Odd-position bits to <paramref name="left"/>, even-position bits to <paramref name="right"/>.</summary>
    private static void Halves(NativeArray state, NativeArray left, NativeArray right)
    {
        var s = state.Span;
        var l = left.Span;
        var r = right.Span;
        for (int e = 0; e < s.Length; e++)
        {
            l[e] = BitPacking.Extract(s[e], BitPacking.OddBits);
            r[e] = BitPacking.Extract(s[e], BitPacking.EvenBits);
        }
    }
}
