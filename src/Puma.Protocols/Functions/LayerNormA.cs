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
/// Valid for |μ| &lt; 2^13 and Q &lt; 2^43. Error (NormTests, 5 rows of 96 incl. a constant row):
/// max abs 1.9e-4 (rsqrt's relative error 2.4e-4 times |γ(x − μ)/σ|).
/// Cost: 2 + 2 + 15 + 2 = 21 rounds; 65 bytes per element per party at d = 96 (<see cref="Cost"/>).
/// </summary>
public static class LayerNormA
{
    private const int MeanBits = 30;

    public static ProtocolCost Cost(int rows, int d)
        => TruncA.Cost(rows)
            .Then(RowDotTruncAA.Cost(rows).Alongside(MulTruncAA.Cost(rows * d)))
            .Then(RsqrtA.Cost(rows, ExponentRange.Full))
            .Then(MulTruncAA.Cost(rows * d));

    public static AShare LayerNorm(PartyContext context, AShare x, AShare gamma, AShare beta, double epsilon)
    {
        using var _ = context.Scope("layernorm");
        var z = new AShare(x.Length);
        context.Run(Steps(context, x, gamma, beta, epsilon, z));
        return z;
    }

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare gamma, AShare beta, double epsilon, AShare destination)
    {
        int f = context.Config.FractionalBits, d = gamma.Length, rows = x.Length / d;
        using var sums = new AShare(rows);
        RowLayout.RowSums(x, d, sums);
        LinearA.MultiplyPublic(sums, (ulong)Math.Round(Math.ScaleB(1.0 / d, MeanBits)), sums);
        using var mean = new AShare(rows);
        foreach (var step in TruncA.Steps(context, sums, MeanBits, mean)) yield return step;
        using var centred = new AShare(x.Length);
        RowLayout.Broadcast(mean, d, centred);
        LinearA.Subtract(x, centred, centred);
        foreach (var step in NormalisedSteps(context, centred, gamma, d * epsilon, d, destination)) yield return step;
        using var betas = new AShare(x.Length);
        RowLayout.Tile(beta, betas);
        LinearA.Add(destination, betas, destination);
    }

    /// <summary>γ·c·√d/√(Σc² + offset) per row: the part LayerNorm and RMSNorm share.</summary>
    internal static IEnumerable<Step> NormalisedSteps(PartyContext context, AShare c, AShare gamma, double offset, int d, AShare destination)
    {
        int f = context.Config.FractionalBits, rows = c.Length / d;
        using var q = new AShare(rows);
        using var gammas = new AShare(c.Length);
        RowLayout.Tile(gamma, gammas);
        using var scaled = new AShare(c.Length);
        var squares = RowDotTruncAA.Steps(context, c, c, d, 1, FixedPoint.Encode(offset, 2 * f), f, q);
        foreach (var step in Rounds.Together(squares, MulTruncAA.Steps(context, gammas, c, f, scaled))) yield return step;
        using var inverse = new AShare(rows);
        foreach (var step in RsqrtA.Steps(context, q, ExponentRange.Full, Math.Sqrt(d), inverse)) yield return step;
        using var inverses = new AShare(c.Length);
        RowLayout.Broadcast(inverse, d, inverses);
        foreach (var step in MulTruncAA.Steps(context, scaled, inverses, f, destination)) yield return step;
    }
}
