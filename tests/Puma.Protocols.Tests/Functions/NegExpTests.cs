using Puma.Protocols.Functions;
using Puma.Protocols.Functions.Reference;
using Xunit.Abstractions;
using static Puma.Protocols.Tests.Functions.FunctionHarness;

namespace Puma.Protocols.Tests.Functions;

public class NegExpTests(ITestOutputHelper output)
{
    [Fact]
    public void MatchesExpWithinTheFitsBound()
    {
        double[] edges = [0, -Ulp, -Math.ScaleB(1, 43) + 1, -1e6, .. Seams(NegExpA.Cutoff)];
        var x = Grid(-16, 0, 1.0 / 256).Concat(edges).ToArray();
        var y = Evaluate(x, NegExpA.NegExp);
        var (maxAbs, meanAbs, _) = Errors(x, y, PlaintextReference.Exp, output, "negexp");
        // The fit's own 8.3e-6 plus the fixed-point bound below.
        Assert.InRange(maxAbs, 0, 8.3e-6 + 8 * Ulp);
        Assert.InRange(meanAbs, 0, 4e-6);
        var (fixedPoint, _, _) = Errors(x, y, PlaintextReference.NegExpApproximation, output, "negexp vs q((x + 7.75)/8)^2");
        // q = Σ c_k t^k with |t| ≤ 1: t², t³, t⁴ carry 1, 2 and 2.5 ulp, weighted by c2..c8 (Σ ≈ 1.6)
        // plus the final truncation: q within 3 ulp; squaring q ≤ 1 doubles that and adds 1 ulp.
        Assert.InRange(fixedPoint, 0, 7 * Ulp);
    }

    [Fact]
    public void BelowTheCutoffIsExactlyZero()
    {
        double[] x = [NegExpA.Cutoff - Ulp, -15, -100, -1e6, -Math.ScaleB(1, 43) + 1];
        Assert.All(Evaluate(x, NegExpA.NegExp), v => Assert.Equal(0, v));
    }

    [Fact]
    public void MeasuredCostEqualsDeclared()
    {
        var cost = Measure(40, (c, x) => NegExpA.NegExp(c, x).Dispose());
        Assert.Equal(NegExpA.Cost(40), cost);
        Assert.Equal(9, cost.Rounds);
        output.WriteLine($"negexp: {cost.Rounds} rounds, {cost.BytesPerElementPerParty(40):F1} bytes/element/party");
    }
}
