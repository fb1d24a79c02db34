using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Functions;

/// <summary>
/// s/√x for positive x and a public scale s. SPU's method (rsqrt_init_guess) normalises by the
/// highest set bit of the encoding X and fits 1/√u on one octave u ∈ [0.25, 0.5) with a degree-4
/// polynomial, relative error 8e-5 and 4 rounds. Here the normalisation is finer: one octave is
/// cut into 8 intervals by thresholds T = round(2^(j + i/8)) (8 comparisons per bit position, all
/// in the one comparison call of <see cref="ExponentOneHotA.IntervalSteps"/>, so no extra round),
/// X is normalised by its interval's own T to u = X/(4T) ∈ [0.25, 0.25·2^(1/8)), and a degree-2
/// polynomial (one product, 2 rounds) fits 1/√u there to 6.4e-6 relative. Every public function
/// of the interval is a local weighted sum of its one-hot: F = round(2^61/T) gives v = 128u = X·F
/// truncated by 56 − f (u with 7 more fraction bits), G = s·√(2^f/(4T)) the final scale.
/// The polynomial is in t = (v − 33.5)/2 ∈ [−0.75, 0.70], r(t) = 1.95471 − 0.058401t + 0.0026263t²
/// (Remez, relative; tools/fit/rsqrt.py). Small X (below about 16, x &lt; 2^(4−f)) hit thresholds rounded to integers,
/// so u may overrun the interval slightly: there the error rises to ~1.5e-4.
/// Rounds: 7 (one-hot) + 2 (v) + 2 (polynomial) + 2 (scale) = 13.
/// Valid for x in [2^-f, 2^43) with the full range. Relative error (ReciprocalRsqrtTests, log grid
/// on [2^-18, 1]): max 1.5e-5 (fit 6.4e-6 plus rounding of r and of the result); beyond 1 the
/// result has fewer ulp and its last one dominates (2 ulp at most).
/// Cost: 13 rounds; 16148 bytes per element per party over the full range (488 comparisons; the
/// norms need one element per row) (<see cref="Cost"/>).
/// </summary>
public static class RsqrtA
{
    /// <summary>Intervals per octave of X.</summary>
    public const int IntervalsPerOctave = 8;

    private const double Centre = 33.5;
    private const int Shift = 1;
    private static readonly double[] Fit = [1.9547095780530614, -0.05840059232879792, 0.0026262716832287187];

    public static ProtocolCost Cost(int length, ExponentRange range)
    {
        var product = MulAddTruncAA.Cost(length);
        return ExponentOneHotA.IntervalCost(length, Thresholds(range).Length).Then(product).Then(PolynomialA.Cost(length, [Fit])).Then(product);
    }

    public static AShare Rsqrt(PartyContext context, AShare x, ExponentRange? range = null, double scale = 1)
    {
        using var _ = context.Scope("rsqrt");
        var z = new AShare(x.Length);
        context.Run(Steps(context, x, range ?? ExponentRange.Full, scale, z));
        return z;
    }

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, ExponentRange range, double scale, AShare destination)
    {
        range.Validate();
        int f = context.Config.FractionalBits, n = x.Length;
        var thresholds = Thresholds(range);
        using var oneHot = new AShare(n * thresholds.Length);
        foreach (var step in ExponentOneHotA.IntervalSteps(context, x, thresholds, oneHot)) yield return step;
        double Factor(ulong threshold) => scale * Math.Sqrt(Math.ScaleB(1, f) / (4.0 * threshold));
        // G at scale 2^E with r·G < 2^61 for r ≤ 2.1 (scale 2^(f+1.1)).
        int e = Math.Min(50, (int)Math.Floor(61 - f - 1.1 - Math.Log2(Factor(thresholds[0]))));
        using var normaliser = new AShare(n);
        using var scaler = new AShare(n);
        ExponentOneHotA.WeightedSum(oneHot, n, [.. thresholds.Select(t => (ulong)Math.Round(Math.ScaleB(1, 61) / t))], normaliser);
        ExponentOneHotA.WeightedSum(oneHot, n, [.. thresholds.Select(t => (ulong)Math.Round(Math.ScaleB(Factor(t), e)))], scaler);

        using var v = new AShare(n);
        foreach (var step in MulAddTruncAA.Steps(context, x, normaliser, [], 0, 56 - f, v)) yield return step;
        LinearA.AddPublic(context, v, 0UL - FixedPoint.Encode(Centre, f), v);
        using var r = new AShare(n);
        foreach (var step in PolynomialA.Steps(context, v, [Fit], 2.1, [r], Shift)) yield return step;
        foreach (var step in MulAddTruncAA.Steps(context, r, scaler, [], 0, e, destination)) yield return step;
    }

    /// <summary>round(2^(j + i/8)) for the positions j of the range, ascending.</summary>
    private static ulong[] Thresholds(ExponentRange range)
        => [.. Enumerable.Range(range.Low * IntervalsPerOctave, range.Count * IntervalsPerOctave)
            .Select(p => (ulong)Math.Round(Math.Pow(2, (double)p / IntervalsPerOctave)))];
}
