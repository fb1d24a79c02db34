using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Functions;

/// <summary>
/// s/√x for positive x and a public scale s by SPU's method (rsqrt_init_guess, no Newton step):
/// normalise by the highest set bit k of the encoding X to u = X/2^(k+2) in [0.25, 0.5);
/// r(u) = 4.14285016 − 15.47994394u + 38.4714796u² − 49.86605845u³ + 26.02942339u⁴; multiply by
/// 2^(−(k+2−f)/2). The parity fix-up needs no separate step: the factor is a public function of k,
/// so G = s·2^(−(k+2−f)/2) (√2 included for odd exponents) is one local weighted sum of the
/// one-hot of k (<see cref="ExponentOneHotA"/>), as is F = 2^(60−k) for u = X·F &gt;&gt; (62 − f).
/// Rounds: 7 (one-hot) + 2 (u) + 4 (degree-4 polynomial) + 2 (scale) = 15.
/// Valid for x in [2^-f, 2^43) with the full range. Relative error (ReciprocalRsqrtTests, log grid
/// on [2^-18, 2^12]): max 2.4e-4, the fit's own error, so no Newton step is needed; beyond, absolute
/// error within 2 ulp.
/// Cost: 15 rounds; 2096 bytes per element per party over the full range (<see cref="Cost"/>).
/// </summary>
public static class RsqrtA
{
    private static readonly double[] Fit = [4.14285016, -15.47994394, 38.4714796, -49.86605845, 26.02942339];

    public static ProtocolCost Cost(int length, ExponentRange range)
    {
        var product = MulAddTruncAA.Cost(length);
        return ExponentOneHotA.Cost(length, range).Then(product).Then(PolynomialA.Cost(length, [Fit])).Then(product);
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
        int f = context.Config.FractionalBits, n = x.Length;
        using var oneHot = new AShare(n * range.Count);
        foreach (var step in ExponentOneHotA.Steps(context, x, range, oneHot)) yield return step;
        double Factor(int k) => scale * Math.Pow(2, -(k + 2 - f) / 2.0);
        // G at scale 2^E with r·G < 2^61 for r ≤ 2 (scale 2^(f+1)).
        int e = Math.Min(50, (int)Math.Floor(60 - (f + 1) - Math.Log2(Factor(range.Low))));
        using var normaliser = new AShare(n);
        using var scaler = new AShare(n);
        ExponentOneHotA.WeightedSum(oneHot, n, ReciprocalA.Weights(range, k => 1UL << (60 - k)), normaliser);
        ExponentOneHotA.WeightedSum(oneHot, n, ReciprocalA.Weights(range, k => (ulong)Math.Round(Math.ScaleB(Factor(k), e))), scaler);

        using var u = new AShare(n);
        foreach (var step in MulAddTruncAA.Steps(context, x, normaliser, [], 0, 62 - f, u)) yield return step;
        using var r = new AShare(n);
        foreach (var step in PolynomialA.Steps(context, u, [Fit], 2, [r])) yield return step;
        foreach (var step in MulAddTruncAA.Steps(context, r, scaler, [], 0, e, destination)) yield return step;
    }
}
