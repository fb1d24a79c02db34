using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;
using Rounds = Puma.Protocols.Net.Steps;

namespace Puma.Protocols.Functions;

/// <summary>
/// 1/x for positive x by SPU's method (reciprocal_goldschmidt_positive): normalise by the highest
/// set bit k of the encoding X to c = X/2^(k+1) in [0.5, 1); w0 = 2.9142 − 2c; two Goldschmidt
/// iterations r ← r·(1 + e), e ← e² from e = 1 − c·w0; un-normalise by 2^(f−k−1).
/// <para>
/// Both factors come from the one-hot of k (<see cref="ExponentOneHotA"/>, 7 rounds) as local
/// weighted sums: F = 2^(60−k) gives c = X·F truncated by 61 − f; G = 2^(s+f−k) for x at s
/// fractional bits (s = f unless told; 0 for k &gt; s + f, where 1/x is below 1 ulp) scales by
/// truncating by f + 1. The un-normalisation rides along the
/// iterations: round pair 2 computes e = 1 − 2.9142c + 2c² (one fused product) and w0·G together,
/// pair 3 computes t = w0G·(1 + e) and e², pair 4 the result t·(1 + e²). 7 + 4·2 = 15 rounds.
/// </para>
/// Valid for x in [2^-f, 2^(43)) with the full range (2^Low ≤ X &lt; 2^High in general); x = 0
/// gives 0. Relative error (ReciprocalRsqrtTests, log grid on [2^-18, 1]): max 5.7e-5 (|e0|^4 with
/// |e0| ≤ 0.086, plus rounding); on [2^-18, 2^6] 4.3e-4 (1/x of a few thousand ulp); beyond,
/// absolute error within 3.4 ulp (three chained truncations, the last two scaled by 1 + e; usually
/// 1.5–2.3 ulp measured, at most 2.7).
/// Cost: 15 rounds; 2139 bytes per element per party over the full range (61 comparisons), far
/// less over a narrow <see cref="ExponentRange"/> (<see cref="Cost"/>).
/// </summary>
public static class ReciprocalA
{
    private const double InitialOffset = 2.9142;
    /// <summary>Extra bits of the error term's scale 2^(2f+g): g = 20, less where 2f + g would pass 2^61 (f &gt; 20).</summary>
    private const int ExtraBits = 20;

    public static ProtocolCost Cost(int length, ExponentRange range)
    {
        var product = MulAddTruncAA.Cost(length);
        return ExponentOneHotA.Cost(length, range)
            .Then(product)
            .Then(product.Alongside(product))
            .Then(product.Alongside(product))
            .Then(product);
    }

    public static AShare Reciprocal(PartyContext context, AShare x, ExponentRange? range = null)
    {
        using var _ = context.Scope("reciprocal");
        var z = new AShare(x.Length);
        context.Run(Steps(context, x, range ?? ExponentRange.Full, z));
        return z;
    }

    /// <param name="inputFractionalBits">The scale of x if not f (e.g. 2f for an untruncated product); the result is at f either way.</param>
    public static IEnumerable<Step> Steps(PartyContext context, AShare x, ExponentRange range, AShare destination, int? inputFractionalBits = null)
    {
        int f = context.Config.FractionalBits, n = x.Length, s = inputFractionalBits ?? f;
        ulong one = 1UL << f;
        using var oneHot = new AShare(n * range.Count);
        foreach (var step in ExponentOneHotA.Steps(context, x, range, oneHot)) yield return step;
        using var normaliser = new AShare(n);
        using var scaler = new AShare(n);
        ExponentOneHotA.WeightedSum(oneHot, n, Weights(range, k => 1UL << (60 - k)), normaliser);
        ExponentOneHotA.WeightedSum(oneHot, n, Weights(range, k => k <= s + f ? 1UL << (s + f - k) : 0), scaler);

        using var c = new AShare(n);
        foreach (var step in MulAddTruncAA.Steps(context, x, normaliser, [], 0, 61 - f, c)) yield return step;

        // w0 = 2.9142 − 2c; e = 1 − c·w0 = 1 − 2.9142c + 2c² at scale 2^(2f+g), truncated by f + g.
        using var w0 = new AShare(n);
        LinearA.MultiplyPublic(c, unchecked((ulong)-2L), w0);
        LinearA.AddPublic(context, w0, FixedPoint.Encode(InitialOffset, f), w0);
        using var twoC = new AShare(n);
        int g = Math.Min(ExtraBits, 61 - 2 * f);
        LinearA.MultiplyPublic(c, 2UL << g, twoC);
        using var e = new AShare(n);
        using var w0G = new AShare(n);
        var error = MulAddTruncAA.Steps(context, c, twoC, [new LinearTerm(c, 0UL - FixedPoint.Encode(InitialOffset, f + g))], 1UL << (2 * f + g), f + g, e);
        var scaled = MulAddTruncAA.Steps(context, w0, scaler, [], 0, f + 1, w0G);
        foreach (var step in Rounds.Together(error, scaled)) yield return step;

        // t = w0G·(1 + e) = w0G·e + w0G·2^f; e² alongside.
        using var t = new AShare(n);
        using var e2 = new AShare(n);
        var first = MulAddTruncAA.Steps(context, w0G, e, [new LinearTerm(w0G, one)], 0, f, t);
        var square = MulAddTruncAA.Steps(context, e, e, [], 0, f, e2);
        foreach (var step in Rounds.Together(first, square)) yield return step;

        foreach (var step in MulAddTruncAA.Steps(context, t, e2, [new LinearTerm(t, one)], 0, f, destination)) yield return step;
    }

    internal static ulong[] Weights(ExponentRange range, Func<int, ulong> weightOfPosition)
        => Enumerable.Range(range.Low, range.Count).Select(weightOfPosition).ToArray();
}
