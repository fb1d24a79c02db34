using Puma.Protocols.Boolean;
using Puma.Protocols.Compare;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Functions;

/// <summary>
/// Arithmetic 0/1 indicators [x ≥ t_j] for several public thresholds at once: all differences
/// x − t_j in one sign call (<see cref="SignMethod"/>: exact <see cref="MsbA"/> unless told
/// otherwise), NOT, then one bit-to-arithmetic conversion (<see cref="BitConversion"/>: one round
/// unless told otherwise).
/// Valid for |x − t_j| &lt; 2^63 (exact) or within the coarse method's bound, which gives
/// [x − t_j − ε ≥ 0] with 0 ≤ ε &lt; 2^(L+1). Layout: threshold j of element i at j·n + i.
/// Cost: sign (MsbA 6 rounds, coarse 5) + conversion (1 or 2); their bytes on n·thresholds elements.
/// </summary>
public static class ThresholdBitsA
{
    public static ProtocolCost Cost(int length, int thresholds, SignMethod? sign = null, BitConversion conversion = BitConversion.OneRound)
        => (sign ?? SignMethod.Exact).Cost(length * thresholds).Then(conversion.Cost(length * thresholds));

    /// <summary><paramref name="thresholds"/> are ring elements (fixed-point encodings).</summary>
    public static IEnumerable<Step> Steps(PartyContext context, AShare x, ulong[] thresholds, AShare indicators, SignMethod? sign = null, BitConversion conversion = BitConversion.OneRound)
    {
        int n = x.Length;
        if (indicators.Length != n * thresholds.Length) throw new ArgumentException($"The indicators need {n * thresholds.Length} elements.", nameof(indicators));
        var differences = AShare.Uninitialized(n * thresholds.Length);
        var bits = BShare.Uninitialized(n * thresholds.Length);
        try
        {
            for (int j = 0; j < thresholds.Length; j++)
            {
                // The public term goes into component 0 (P0's Own, P2's Next).
                ulong own = context.Id == 0 ? thresholds[j] : 0, next = context.Id == 2 ? thresholds[j] : 0;
                Ring.Add(x.Own.Span, 0UL - own, differences.Own.Slice(j * n, n));
                Ring.Add(x.Next.Span, 0UL - next, differences.Next.Slice(j * n, n));
            }
            foreach (var step in (sign ?? SignMethod.Exact).Steps(context, differences, bits)) yield return step;
            LinearB.XorPublic(context, bits, 1, bits);
            foreach (var step in conversion.Steps(context, bits, indicators)) yield return step;
        }
        finally
        {
            differences.Dispose();
            bits.Dispose();
        }
    }
}
