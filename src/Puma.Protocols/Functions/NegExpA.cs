using Puma.Protocols.Arithmetic;
using Puma.Protocols.Compare;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;
using Rounds = Puma.Protocols.Net.Steps;

namespace Puma.Protocols.Functions;

/// <summary>
/// exp(x) for x ≤ 0: 0 if x &lt; −14, else q(t)² where q ≈ exp(x/2) is a degree-8 polynomial in the
/// centred variable t = (x + 7)/8 ∈ [−0.875, 0.875] (Remez, weighted by 2q so that the error of q² is
/// minimax). PUMA's (1 + x/32)^32 errs by up to 0.0086 (near x = −2); in softmax that error made
/// the secure stories260k logits differ from the plaintext ones by up to 0.28 after 5 layers.
/// The polynomial (<see cref="PolynomialA"/>, 6 rounds) and one squaring (2 rounds) run alongside
/// the mask [x ≥ −14] (<see cref="ThresholdBitsA"/>, 7 rounds), then one exact product applies it.
/// Valid for −2^43 &lt; x ≤ 0 (positive x are outside the fit).
/// Error against exp (NegExpTests, grid of 2^-8 steps on [−16, 0]): max abs 1.6e-5, mean abs
/// 2.5e-6; the method's own error is 8.3e-6 (at x = −14), the rest is fixed-point rounding
/// (q carries ~2 ulp, squaring doubles it and adds 1).
/// Cost: 9 rounds; 147.9 bytes per element per party, as PUMA's (a polynomial of 4 products and one
/// squaring instead of 5 squarings; one comparison, one product) (<see cref="Cost"/>).
/// </summary>
public static class NegExpA
{
    public const double Cutoff = -14;

    /// <summary>q(t) ≈ exp((8t − 7)/2), c0 first.</summary>
    public static IReadOnlyList<double> Fit { get; } = [0.030157317412236862, 0.1214563122108898, 0.24145450388970618, 0.30998442920817204, 0.3412221200272394, 0.2944412179280854, 0.09018013050589126, 0.08537827867439607, 0.13386654277167365];

    /// <summary>The variable t = (x − Centre)/2^Shift of <see cref="Fit"/>.</summary>
    public static SegmentVariable Variable { get; } = new(-7, 3);

    /// <param name="clip">How the mask takes its sign: exact by default; a caller that bounds x may pass a coarse method (the cut-off then moves by less than 2^(L+1)).</param>
    /// <param name="doubleScale">Whether the result stays at 2f fractional bits (the square not truncated, see <see cref="Steps"/>).</param>
    public static ProtocolCost Cost(int length, SignMethod? clip = null, bool doubleScale = false)
        => PolynomialA.Cost(length, [[.. Fit]]).Then(doubleScale ? MulAA.Cost(length) : MulTruncAA.Cost(length))
            .Alongside(ThresholdBitsA.Cost(length, 1, clip))
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
        var pool = context.Buffers;
        var mask = pool.RentArithmetic(x.Length);
        var square = pool.RentArithmetic(x.Length);
        try
        {
            var compare = ThresholdBitsA.Steps(context, x, [FixedPoint.Encode(Cutoff, f)], mask, clip);
            foreach (var step in Rounds.Together(compare, Square(context, x, doubleScale, square))) yield return step;
            foreach (var step in MulAA.Steps(context, mask, square, destination)) yield return step;
        }
        finally
        {
            pool.Return(mask);
            pool.Return(square);
        }
    }

    /// <summary>q(t)² for t = (x + 7)/8, at f fractional bits or, untruncated, at 2f.</summary>
    private static IEnumerable<Step> Square(PartyContext context, AShare x, bool doubleScale, AShare result)
    {
        int f = context.Config.FractionalBits;
        var pool = context.Buffers;
        var centred = pool.RentArithmetic(x.Length);
        var q = pool.RentArithmetic(x.Length);
        try
        {
            LinearA.AddPublic(context, x, 0UL - FixedPoint.Encode(Variable.Centre, f), centred);
            foreach (var step in PolynomialA.Steps(context, centred, [[.. Fit]], 1, [q], Variable.Shift)) yield return step;
            var square = doubleScale ? MulAA.Steps(context, q, q, result) : MulTruncAA.Steps(context, q, q, f, result);
            foreach (var step in square) yield return step;
        }
        finally
        {
            pool.Return(centred);
            pool.Return(q);
        }
    }
}
