using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;
using Rounds = Puma.Protocols.Net.Steps;

namespace Puma.Protocols.Functions;

/// <summary>
/// exp(x) of either sign by range reduction: exp(x) = 2^k·exp(r) with k = floor(x/ln2) and
/// r = x − k·ln2 in [0, ln2). <see cref="NegExpA"/> covers x ≤ 0 only; attention scores and the
/// softmax use that one, this one serves models that exponentiate positive values.
/// <para>
/// k comes from the indicators b_j = [x ≥ j·ln2] of every exponent j in [−(f+1), 28]
/// (<see cref="ThresholdBitsA"/>, 7 rounds, 48 comparisons at f = 18). b is monotone in j, so any
/// public function F of k is the local sum Σ_j b_j·(F(j) − F(j−1)), as with the one-hot of
/// <see cref="ExponentOneHotA"/>: r = x − k·ln2 (F(j) the encoding of j·ln2, so r is exact),
/// 2^k for k ≥ 0 as an integer and 2^(k+f+1) for k &lt; 0. exp(r) in [1, 2) is a degree-4
/// minimax fit of relative error 2.6e-6 (<see cref="PolynomialA"/>, 4 rounds). The last round
/// pair multiplies it by both factors at once: exactly by the integer one, with a truncation by
/// f + 1 by the other.
/// </para>
/// Valid for −2^43 &lt; x &lt; 29·ln2 ≈ 20.1 (results up to 5.4e8). Below −(f+1)·ln2 ≈ −13.17,
/// where exp(x) is under half an ulp, both factors are 0 and the result is 0 within 1 ulp (the
/// truncation of an exact 0). Error against exp (ExpTests, grid of 2^-8 steps on [−16, 20.1) plus
/// every seam k·ln2 ±1 ulp): relative 7.6e-6 where exp(x) ≥ 1; absolute 6.0e-6 (1.6 ulp) where it
/// is below 1.
/// Cost: 13 rounds; 1654.0 bytes per element per party at f = 18 (<see cref="Cost"/>).
/// </summary>
public static class ExpA
{
    /// <summary>The largest k = floor(x/ln2) represented; larger x give 2^28·p(r) for r beyond ln2.</summary>
    public const int HighestExponent = 28;

    /// <summary>exp(r) on [0, ln2): Remez fit of the relative error (2.6e-6), c0 first (tools/fit/exp.py).</summary>
    public static IReadOnlyList<double> Fit { get; } =
        [1.0000025933706653, 0.999793195308441, 0.502531464871385, 0.15617901049797375, 0.058631325975842336];

    /// <summary>The smallest k represented: below it exp(x) &lt; 2^-(f+1), half an ulp.</summary>
    public static int LowestExponent(int fractionalBits) => -(fractionalBits + 1);

    /// <summary>The smallest x with a non-zero result: the encoding of LowestExponent·ln2.</summary>
    public static double Cutoff(int fractionalBits) => FixedPoint.Decode(Threshold(LowestExponent(fractionalBits), fractionalBits), fractionalBits);

    /// <summary>Where the range ends: x must stay below (HighestExponent + 1)·ln2.</summary>
    public static double Upper { get; } = (HighestExponent + 1) * Math.Log(2);

    public static ProtocolCost Cost(int length, int fractionalBits)
        => ThresholdBitsA.Cost(length, HighestExponent - LowestExponent(fractionalBits) + 1)
            .Then(PolynomialA.Cost(length, [[.. Fit]]))
            .Then(MulAA.Cost(length).Alongside(MulTruncAA.Cost(length)));

    public static AShare Exp(PartyContext context, AShare x)
    {
        using var _ = context.Scope("exp");
        var z = new AShare(x.Length);
        context.Run(Steps(context, x, z));
        return z;
    }

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare destination)
    {
        int f = context.Config.FractionalBits, n = x.Length, low = LowestExponent(f);
        int[] exponents = [.. Enumerable.Range(low, HighestExponent - low + 1)];
        using var indicators = new AShare(n * exponents.Length);
        foreach (var step in ThresholdBitsA.Steps(context, x, [.. exponents.Select(j => Threshold(j, f))], indicators)) yield return step;

        // r = x − T(k), T(j) the encoded j·ln2 the comparisons used, so 0 ≤ r < T(k+1) − T(k) exactly.
        using var r = new AShare(n);
        ExponentOneHotA.WeightedSum(indicators, n, Increments(exponents, j => Threshold(j, f)), r);
        LinearA.Subtract(x, r, r);
        LinearA.AddPublic(context, r, 0UL - Threshold(low - 1, f), r);
        // 2^k as an integer for k ≥ 0; 2^(k+s) with s = f + 1 for k < 0; each 0 on the other side.
        int s = -low;
        using var whole = new AShare(n);
        using var fraction = new AShare(n);
        ExponentOneHotA.WeightedSum(indicators, n, Increments(exponents, j => j >= 0 ? 1UL << j : 0), whole);
        ExponentOneHotA.WeightedSum(indicators, n, Increments(exponents, j => j < 0 && j >= low ? 1UL << (j + s) : 0), fraction);

        using var expR = new AShare(n);
        foreach (var step in PolynomialA.Steps(context, r, [[.. Fit]], 2, [expR])) yield return step;
        using var large = new AShare(n);
        using var small = new AShare(n);
        var exact = MulAA.Steps(context, expR, whole, large);
        var truncated = MulTruncAA.Steps(context, expR, fraction, s, small);
        foreach (var step in Rounds.Together(exact, truncated)) yield return step;
        LinearA.Add(large, small, destination);
    }

    /// <summary>Weights F(j) − F(j−1) on the indicators b_j, so that Σ_j b_j·weight_j = F(k) − F(low − 1).</summary>
    private static ulong[] Increments(int[] exponents, Func<int, ulong> value)
        => [.. exponents.Select(j => value(j) - value(j - 1))];

    private static ulong Threshold(int exponent, int fractionalBits) => FixedPoint.Encode(exponent * Math.Log(2), fractionalBits);
}
