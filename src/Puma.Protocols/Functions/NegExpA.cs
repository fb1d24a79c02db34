using Puma.Protocols.Arithmetic;
using Puma.Protocols.Compare;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;
using Rounds = Puma.Protocols.Net.Steps;

namespace Puma.Protocols.Functions;

/// <summary>
/// exp(x) for x ≤ 0: 0 if x &lt; −14, else q(t)² where q ≈ exp(x/2) is a degree-8 polynomial with no
/// t⁷ term in the centred variable t = (x + 7.75)/8 ∈ [−0.78, 0.97] (weighted by 2q so that the
/// error of q² is equal-ripple). PUMA's (1 + x/32)^32 errs by up to 0.0086 (near x = −2); in softmax
/// that error made the secure stories260k logits differ from the plaintext ones by up to 0.28
/// after 5 layers.
/// The polynomial (<see cref="PolynomialA"/>, 3 products in 6 rounds) and one squaring (2 rounds,
/// or 1 exact round at 2f fractional bits for a caller that truncates later) run alongside the
/// mask [x ≥ −14] (<see cref="ThresholdBitsA"/>, 8 rounds with the two-round conversion, which
/// fits beside them), then one exact product applies it.
/// Valid for −2^43 &lt; x ≤ 0 (positive x are outside the fit).
/// Error against exp (NegExpTests, grid of 2^-8 steps on [−16, 0]): max abs 1.8e-5, mean abs
/// 2.7e-6; the method's own error is 4.2e-6, the rest is fixed-point rounding (q carries a few
/// ulp, squaring doubles it and adds 1).
/// Cost: 9 rounds; 121.0 bytes per element per party (PUMA's 5 squarings: 148); inside softmax
/// (coarse cut-off, square at 2f) 8 rounds (<see cref="Cost"/>).
/// </summary>
public static class NegExpA
{
    public const double Cutoff = -14;

    /// <summary>
    /// q(t) ≈ exp((8t − 7.75)/2), c0 first, with no t⁷ term: the centre −7.75 is where a fit without
    /// it is as good as a full degree-8 one, so <see cref="PolynomialA"/> needs no t³ (3 products
    /// instead of 4). Minimax of q² − exp (tools/fit/negexp.py).
    /// </summary>
    public static IReadOnlyList<double> Fit { get; } = [0.02065381230231305, 0.08347571281465271, 0.1697614319042872, 0.20489819621782673, 0.2178118241984726, 0.2543093495262364, 0.05350775153687094, 0.0, 0.12870196639742532];

    /// <summary>The variable t = (x − Centre)/2^Shift of <see cref="Fit"/>.</summary>
    public static SegmentVariable Variable { get; } = new(-7.75, 3);

    public static ProtocolCost Cost(int length, SignMethod? clip = null, bool doubleScale = false)
        => PolynomialA.Cost(length, [[.. Fit]]).Then(doubleScale ? MulAA.Cost(length) : MulTruncAA.Cost(length))
            .Alongside(ThresholdBitsA.Cost(length, 1, clip, BitConversion.FewerBytes))
            .Then(MulAA.Cost(length));

    public static AShare NegExp(PartyContext context, AShare x)
    {
        using var _ = context.Scope("negexp");
        var z = AShare.Uninitialized(x.Length);
        context.Run(Steps(context, x, z));
        return z;
    }

    /// <summary>
    /// The protocol as a coroutine. With <paramref name="doubleScale"/> the square q² is exact (one
    /// round, no truncation) and the result has 2f fractional bits, for a caller that truncates
    /// later anyway (softmax's final product): a round and a truncation less.
    /// </summary>
    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare destination, SignMethod? clip = null, bool doubleScale = false)
    {
        int f = context.Config.FractionalBits;
        var mask = AShare.Uninitialized(x.Length);
        var square = AShare.Uninitialized(x.Length);
        try
        {
            var compare = ThresholdBitsA.Steps(context, x, [FixedPoint.Encode(Cutoff, f)], mask, clip, BitConversion.FewerBytes);
            foreach (var step in Rounds.Together(compare, Square(context, x, doubleScale, square))) yield return step;
            foreach (var step in MulAA.Steps(context, mask, square, destination)) yield return step;
        }
        finally
        {
            mask.Dispose();
            square.Dispose();
        }
    }

    /// <summary>q(t)² for t = (x + 7.75)/8, at f fractional bits or, untruncated, at 2f.</summary>
    private static IEnumerable<Step> Square(PartyContext context, AShare x, bool doubleScale, AShare result)
    {
        int f = context.Config.FractionalBits;
        var centred = AShare.Uninitialized(x.Length);
        var q = AShare.Uninitialized(x.Length);
        try
        {
            LinearA.AddPublic(context, x, 0UL - FixedPoint.Encode(Variable.Centre, f), centred);
            foreach (var step in PolynomialA.Steps(context, centred, [[.. Fit]], 1, [q], Variable.Shift)) yield return step;
            var square = doubleScale ? MulAA.Steps(context, q, q, result) : MulTruncAA.Steps(context, q, q, f, result);
            foreach (var step in square) yield return step;
        }
        finally
        {
            centred.Dispose();
            q.Dispose();
        }
    }
}
