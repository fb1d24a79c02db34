using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;
using Rounds = Puma.Protocols.Net.Steps;

namespace Puma.Protocols.Functions;

/// <summary>
/// LayerNorm of n rows of d (PROTOCOLS.md §7, never sqrt then divide): μ = Σx/d (the 1/d a public
/// integer round(2^30/d) folded into one truncation by 30), then
/// Q = Σ(x − μ)² + d·ε (one row-summed fused product, <see cref="RowDotTruncAA"/>) and, in the same
/// rounds, γ·(x − μ); one <see cref="RsqrtA"/> per row with √d folded into its public scale, since
/// 1/√(σ² + ε) = √d/√Q; finally y = γ(x − μ)·rsqrt + β.
/// <para>
/// The numerator keeps <see cref="CentringBits"/> more fraction bits: a truncated μ is off by up to
/// 1 ulp, and for a row whose σ² is far below ε that ulp is multiplied by 1/√ε (316 at ε = 1e-5):
/// a constant row would come out γ·1.2e-3 away from β. So μ is also truncated to scale f + 6 (same
/// rounds), x − μ and γ(x − μ) stay at that scale, and only the final product returns to f; Q is
/// computed from the coarse x − μ, whose ulp does not matter next to d·ε. The inverse carries
/// <see cref="InverseBits"/> extra bits too (folded into rsqrt's public scale).
/// </para>
/// Valid for |μ| &lt; 2^13, Q &lt; 2^43, |γ(x − μ)| &lt; 2^20 and |y| &lt; 2^14 at f = 18 (the last product,
/// at scale 2^(2f+12), stays below 2^62). Error (NormTests, 5 rows
/// of 96 incl. a constant row): max abs 1e-4 (rsqrt's relative error 1e-5 times |γ(x − μ)/σ|, plus
/// rounding).
/// Cost: 2 + 2 + 13 + 2 = 19 rounds; 65 bytes per element per party at d = 96 (<see cref="Cost"/>).
/// </summary>
public static class LayerNormA
{
    /// <summary>Extra fraction bits of the centred numerator.</summary>
    public const int CentringBits = 6;

    /// <summary>
    /// Extra fraction bits of the per-row inverse √d/√Q: for a row of rms 40 it is 0.025, only 6554
    /// ulp at f = 18, so 1 ulp would already be 1.5e-4 relative.
    /// </summary>
    public const int InverseBits = 6;

    private const int MeanBits = 30;

    public static ProtocolCost Cost(int rows, int d)
        => TruncA.Cost(rows).Alongside(TruncA.Cost(rows))
            .Then(RowDotTruncAA.Cost(rows).Alongside(MulTruncAA.Cost(rows * d)))
            .Then(RsqrtA.Cost(rows, ExponentRange.Full))
            .Then(RowScaleTruncAA.Cost(rows * d));

    public static AShare LayerNorm(PartyContext context, AShare x, AShare gamma, AShare beta, double epsilon)
    {
        using var _ = context.Scope("layernorm");
        var z = new AShare(x.Length);
        context.Run(Steps(context, x, gamma, beta, epsilon, z));
        return z;
    }

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare gamma, AShare beta, double epsilon, AShare destination)
    {
        int d = gamma.Length, rows = x.Length / d;
        using var sums = new AShare(rows);
        RowLayout.RowSums(x, d, sums);
        LinearA.MultiplyPublic(sums, (ulong)Math.Round(Math.ScaleB(1.0 / d, MeanBits)), sums);
        using var mean = new AShare(rows);
        using var fineMean = new AShare(rows);
        foreach (var step in Rounds.Together(TruncA.Steps(context, sums, MeanBits, mean), TruncA.Steps(context, sums, MeanBits - CentringBits, fineMean))) yield return step;
        using var centred = new AShare(x.Length);
        RowLayout.SubtractRows(x, mean, d, centred);
        using var fineCentred = new AShare(x.Length);
        LinearA.MultiplyPublic(x, 1UL << CentringBits, fineCentred);
        RowLayout.SubtractRows(fineCentred, fineMean, d, fineCentred);
        foreach (var step in NormalisedSteps(context, centred, fineCentred, CentringBits, gamma, d * epsilon, d, destination)) yield return step;
        using var betas = new AShare(x.Length);
        RowLayout.Tile(beta, betas);
        LinearA.Add(destination, betas, destination);
    }

    /// <summary>
    /// γ·c·√d/√(Σc² + offset) per row: the part LayerNorm and RMSNorm share. <paramref name="fine"/> is
    /// c at <paramref name="extraBits"/> more fraction bits (or c itself with 0), used in the numerator.
    /// </summary>
    internal static IEnumerable<Step> NormalisedSteps(PartyContext context, AShare c, AShare fine, int extraBits, AShare gamma, double offset, int d, AShare destination)
    {
        int f = context.Config.FractionalBits, rows = c.Length / d;
        using var q = new AShare(rows);
        using var gammas = new AShare(c.Length);
        RowLayout.Tile(gamma, gammas);
        using var scaled = new AShare(c.Length);
        var squares = RowDotTruncAA.Steps(context, c, c, d, 1, FixedPoint.Encode(offset, 2 * f), f, q);
        foreach (var step in Rounds.Together(squares, MulTruncAA.Steps(context, gammas, fine, f, scaled))) yield return step;
        using var inverse = new AShare(rows);
        foreach (var step in RsqrtA.Steps(context, q, ExponentRange.Full, Math.ScaleB(Math.Sqrt(d), InverseBits), inverse)) yield return step;
        foreach (var step in RowScaleTruncAA.Steps(context, scaled, inverse, d, f + extraBits + InverseBits, destination)) yield return step;
    }
}
