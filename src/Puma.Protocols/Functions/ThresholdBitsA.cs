using Puma.Protocols.Boolean;
using Puma.Protocols.Compare;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Functions;

/// <summary>
/// Arithmetic 0/1 indicators [x ≥ t_j] for several public thresholds at once: all differences
/// x − t_j in one <see cref="MsbA"/> call, NOT, then one <see cref="BitToArithmetic"/>.
/// Valid for |x − t_j| &lt; 2^63. Layout: threshold j of element i at j·n + i.
/// Cost: 7 rounds (MsbA 6 + 1); bytes of MsbA and BitToArithmetic on n·thresholds elements.
/// </summary>
public static class ThresholdBitsA
{
    public static ProtocolCost Cost(int length, int thresholds)
        => MsbA.Cost(length * thresholds).Then(BitToArithmetic.Cost(length * thresholds));

    /// <summary><paramref name="thresholds"/> are ring elements (fixed-point encodings).</summary>
    public static IEnumerable<Step> Steps(PartyContext context, AShare x, ulong[] thresholds, AShare indicators)
    {
        int n = x.Length;
        if (indicators.Length != n * thresholds.Length) throw new ArgumentException($"The indicators need {n * thresholds.Length} elements.", nameof(indicators));
        var pool = context.Buffers;
        var differences = pool.RentArithmetic(n * thresholds.Length);
        var bits = pool.RentBoolean(n * thresholds.Length);
        try
        {
            for (int j = 0; j < thresholds.Length; j++)
            {
                // The public term goes into component 0 (P0's Own, P2's Next).
                ulong own = context.Id == 0 ? thresholds[j] : 0, next = context.Id == 2 ? thresholds[j] : 0;
                Ring.Add(x.Own.Span, 0UL - own, differences.Own.Slice(j * n, n));
                Ring.Add(x.Next.Span, 0UL - next, differences.Next.Slice(j * n, n));
            }
            foreach (var step in MsbA.Steps(context, differences, bits)) yield return step;
            LinearB.XorPublic(context, bits, 1, bits);
            foreach (var step in BitToArithmetic.Steps(context, bits, indicators)) yield return step;
        }
        finally
        {
            pool.Return(differences);
            pool.Return(bits);
        }
    }
}
