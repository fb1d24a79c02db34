using Puma.Protocols.Arithmetic;
using Puma.Protocols.Compare;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;
using Rounds = Puma.Protocols.Net.Steps;

namespace Puma.Protocols.Functions;

/// <summary>
/// GeLU in PUMA's piecewise style with fewer comparisons and a tighter fit: GeLU(x) − x/2 =
/// (x/2)·erf(x/√2) is even, and as a function of s = x²/8 it is smooth (analytic), so one
/// degree-4 polynomial g(s) covers all of [−T, T], T = 3.125:
/// 0 for x &lt; −T; x/2 + g(x²/8) on [−T, T]; x for x &gt; T.
/// Two comparisons [x ≥ −T], [x ≥ T + 1 ulp] (8 rounds with the two-round bit conversion,
/// <see cref="BitConversion.FewerBytes"/>: a round for a third of its bytes) run alongside x²
/// (2 rounds) and g (4 rounds; x/2 rides in g's last product), then one select round
/// (<see cref="SegmentSelect"/>).
/// Outside [−T, T] the polynomial's garbage cancels exactly: above T the select adds x − p to p.
/// Valid for |x| &lt; 2^43. Error against exact GeLU (GeluTests, grid of 2^-8 steps on [−8, 8] plus
/// seams ±1 ulp): max abs 2.75e-3 (at the seams ±T, where GeLU meets 0 and x), mean abs 7.1e-4;
/// PUMA's three-comparison form (<see cref="PumaFunction"/>): 0.0199 and 0.0018.
/// Against the approximation itself (fixed-point error only): 1.4e-5.
/// Cost: 9 rounds; 127.25 bytes per element per party (PUMA's form: 192.5).
/// </summary>
public static class GeluA
{
    /// <summary>T: where GeLU is within 2.8e-3 of 0 (below −T) and of x (above T).</summary>
    public const double Threshold = 3.125;

    /// <summary>
    /// s = x²/2^3 (s ≤ 1.23 on [−T, T]) keeps g's coefficients at most 3.4, so the 1-ulp error of s²
    /// adds at most ~1.3e-5.
    /// </summary>
    private const int SquareShift = 3;

    /// <summary>Bound on |x/2 + g(s)| over [−T, T] (sets the coefficient precision, see <see cref="PolynomialA"/>).</summary>
    private const double Bound = 4;

    /// <summary>g(s) ≈ GeLU(x) − x/2 for s = x²/8 on [0, T²/8], c0 first (minimax, tools/fit/gelu.py).</summary>
    private static readonly double[] EvenPart =
        [0.002429621466020294, 3.073821588955526, -3.3216077457328828, 2.29429865405067, -0.6399996806496859];

    public static ProtocolCost Cost(int length)
        => ThresholdBitsA.Cost(length, 2, conversion: BitConversion.FewerBytes)
            .Alongside(MulTruncAA.Cost(length).Then(PolynomialA.Cost(length, [EvenPart])))
            .Then(SegmentSelect.Cost(length));

    public static AShare Gelu(PartyContext context, AShare x)
    {
        using var _ = context.Scope("gelu");
        var y = AShare.Uninitialized(x.Length);
        context.Run(Steps(context, x, y));
        return y;
    }

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare y)
    {
        int n = x.Length, f = context.Config.FractionalBits;
        var indicators = AShare.Uninitialized(2 * n);
        var square = AShare.Uninitialized(n);
        var middle = AShare.Uninitialized(n);
        try
        {
            ulong[] thresholds = [FixedPoint.Encode(-Threshold, f), FixedPoint.Encode(Threshold, f) + 1];
            // x² stays at the shares' scale; the polynomial divides by 2^3 itself, three bits finer.
            var evenPart = MulTruncAA.Steps(context, x, x, f, square)
                .Concat(PolynomialA.Steps(context, square, [EvenPart], Bound, [middle], SquareShift, addends: [(x, 0.5)]));
            foreach (var step in Rounds.Together(ThresholdBitsA.Steps(context, x, thresholds, indicators, conversion: BitConversion.FewerBytes), evenPart)) yield return step;
            foreach (var step in SegmentSelect.Steps(context, indicators, [null, middle, x], y)) yield return step;
        }
        finally
        {
            foreach (var share in (ReadOnlySpan<AShare>)[indicators, square, middle]) share.Dispose();
        }
    }

    /// <summary>The double-precision value of the approximation itself (reference for tests).</summary>
    public static double Approximation(double x)
    {
        if (x < -Threshold) return 0;
        if (x > Threshold) return x;
        return x / 2 + Reference.PlaintextReference.Polynomial(EvenPart, Math.ScaleB(x * x, -SquareShift));
    }

    /// <summary>
    /// PUMA's own piecewise GeLU (PROTOCOLS.md §7), kept for comparison (<c>puma bench accuracy</c>):
    /// 0 for x &lt; −4; F0 (degree 3) on [−4, −1.95); F1 (degree 6, even powers and x/2) on [−1.95, 3];
    /// x above 3 (the top seam is x ≥ 3 + 1 ulp). Max abs error 0.0199 (at x = 3, inherent to F1).
    /// </summary>
    public static Piecewise PumaFunction(int fractionalBits) => new(
        [-4, -1.95, 3 + Math.ScaleB(1, -fractionalBits)],
        [
            [0],
            [-0.5054031199708174, -0.42226581151983866, -0.11807612951181953, -0.011034134030615728],
            [0.008526321541038084, 0.5, 0.3603292692789629, 0, -0.037688200365904236, 0, 0.0018067462606141187],
            [0, 1],
        ],
        Bound: 4);

    /// <summary>GeLU by <see cref="PumaFunction"/>: 3 comparisons, 8 rounds, 192.5 bytes per element per party.</summary>
    public static AShare GeluPuma(PartyContext context, AShare x)
        => PiecewiseA.Evaluate(context, x, PumaFunction(context.Config.FractionalBits), "gelu_puma");
}
