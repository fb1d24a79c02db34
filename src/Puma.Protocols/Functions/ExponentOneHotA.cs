using Puma.Protocols.Boolean;
using Puma.Protocols.Compare;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Functions;

/// <summary>
/// The normalisation step of reciprocal and 1/sqrt: an arithmetic one-hot h_j (0/1) of the
/// position k of the highest set bit of a positive share X, so that any public function of k is a
/// local weighted sum Σ_j w_j·h_j (<see cref="WeightedSum"/>) — the factors 2^(-k), 2^(-k/2) and
/// their parity fix-up included.
/// <para>
/// SPU decomposes X into bits (A2B: an adder over M + N), takes the prefix-OR from the top and
/// converts the highest-bit one-hot: about 8 + 6 + 1 rounds. Here all thresholds are compared at
/// once instead: ge_j = [X ≥ 2^j] = NOT msb(X − 2^j) for every position j of the range in one
/// <see cref="MsbA"/> call, h_j = ge_j XOR ge_{j+1} locally (ge is monotone in j), then one
/// <see cref="BitToArithmetic"/>: 7 rounds, at the price of one comparison per position.
/// </para>
/// Valid for 2^Low ≤ X &lt; 2^High; below, every h_j is 0; above, h_{High-1} is 1.
/// The same works for any ascending integer thresholds T_j (<see cref="IntervalSteps"/>): h_j = [T_j ≤ X &lt; T_{j+1}].
/// Cost: <see cref="MsbA"/> then <see cref="BitToArithmetic"/> of n·range.Count elements.
/// Layout: h_j of element i at (j − Low)·n + i.
/// </summary>
public static class ExponentOneHotA
{
    public static ProtocolCost Cost(int length, ExponentRange range) => IntervalCost(length, range.Count);

    /// <summary>The cost of <see cref="IntervalSteps"/> with <paramref name="thresholds"/> thresholds.</summary>
    public static ProtocolCost IntervalCost(int length, int thresholds)
        => MsbA.Cost(length * thresholds).Then(BitToArithmetic.Cost(length * thresholds));

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, ExponentRange range, AShare oneHot)
    {
        range.Validate();
        return IntervalSteps(context, x, [.. Enumerable.Range(range.Low, range.Count).Select(j => 1UL << j)], oneHot);
    }

    /// <summary>
    /// h_j = [T_j ≤ X &lt; T_{j+1}] (the last interval open above) for ascending non-negative integer
    /// thresholds T below 2^62; layout as for exponents, h_j of element i at j·n + i.
    /// </summary>
    public static IEnumerable<Step> IntervalSteps(PartyContext context, AShare x, IReadOnlyList<ulong> thresholds, AShare oneHot)
    {
        int n = x.Length, count = thresholds.Count;
        if (oneHot.Length != n * count) throw new ArgumentException($"The one-hot needs {n * count} elements.", nameof(oneHot));
        return Intervals(context, x, thresholds, oneHot);
    }

    private static IEnumerable<Step> Intervals(PartyContext context, AShare x, IReadOnlyList<ulong> thresholds, AShare oneHot)
    {
        int n = x.Length, count = thresholds.Count;
        using var differences = new AShare(n * count);
        for (int j = 0; j < count; j++)
        {
            // X − T_j: the public term goes into component 0 (P0's Own, P2's Next).
            ulong own = context.Id == 0 ? thresholds[j] : 0, next = context.Id == 2 ? thresholds[j] : 0;
            Ring.Add(x.Own.Span, 0UL - own, differences.Own.Slice(j * n, n));
            Ring.Add(x.Next.Span, 0UL - next, differences.Next.Slice(j * n, n));
        }
        using var msb = new BShare(n * count);
        foreach (var step in MsbA.Steps(context, differences, msb)) yield return step;
        using var bits = new BShare(n * count);
        HighestBit(context, msb, n, count, bits);
        foreach (var step in BitToArithmetic.Steps(context, bits, oneHot)) yield return step;
    }

    /// <summary>Σ_j weights[j − Low]·h_j per element (local).</summary>
    public static void WeightedSum(AShare oneHot, int length, ReadOnlySpan<ulong> weights, AShare destination)
    {
        if (oneHot.Length != length * weights.Length) throw new ArgumentException("One weight per position of the range.", nameof(weights));
        destination.Own.Span.Clear();
        destination.Next.Span.Clear();
        using var term = new NativeArray(length);
        for (int j = 0; j < weights.Length; j++)
        {
            Ring.Multiply(oneHot.Own.Slice(j * length, length), weights[j], term.Span);
            Ring.Add(destination.Own.Span, term.Span, destination.Own.Span);
            Ring.Multiply(oneHot.Next.Slice(j * length, length), weights[j], term.Span);
            Ring.Add(destination.Next.Span, term.Span, destination.Next.Span);
        }
    }

    /// <summary>h_j = ge_j ^ ge_{j+1} with ge_j = msb_j ^ 1; the two NOTs cancel except at the top, where ge_High = 0.</summary>
    private static void HighestBit(PartyContext context, BShare msb, int n, int count, BShare bits)
    {
        for (int j = 0; j < count; j++)
        {
            var own = bits.Own.Slice(j * n, n);
            var next = bits.Next.Slice(j * n, n);
            if (j + 1 < count)
            {
                Ring.Xor(msb.Own.Slice(j * n, n), msb.Own.Slice((j + 1) * n, n), own);
                Ring.Xor(msb.Next.Slice(j * n, n), msb.Next.Slice((j + 1) * n, n), next);
            }
            else
            {
                msb.Own.Slice(j * n, n).CopyTo(own);
                msb.Next.Slice(j * n, n).CopyTo(next);
            }
        }
        using var top = new BShare(n);
        bits.Own.Slice((count - 1) * n, n).CopyTo(top.Own.Span);
        bits.Next.Slice((count - 1) * n, n).CopyTo(top.Next.Span);
        LinearB.XorPublic(context, top, 1, top);
        top.Own.Span.CopyTo(bits.Own.Slice((count - 1) * n, n));
        top.Next.Span.CopyTo(bits.Next.Slice((count - 1) * n, n));
    }
}
