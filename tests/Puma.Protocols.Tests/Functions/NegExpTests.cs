using Puma.Protocols.Functions;
using Puma.Protocols.Functions.Reference;
using Xunit.Abstractions;
using static Puma.Protocols.Tests.Functions.FunctionHarness;

namespace Puma.Protocols.Tests.Functions;

public class NegExpTests(ITestOutputHelper output)
{
    [Fact]
    public void MatchesExpWithinPumasBound()
    {
        double[] edges = [0, -Ulp, -Math.ScaleB(1, 43) + 1, -1e6, .. Seams(NegExpA.Cutoff)];
        var x = Grid(-16, 0, 1.0 / 256).Concat(edges).ToArray();
        var y = Evaluate(x, NegExpA.NegExp);
        var (maxAbs, meanAbs, _) = Errors(x, y, PlaintextReference.Exp, output, "negexp");
        Assert.InRange(maxAbs, 0, 0.0087);
        Assert.InRange(meanAbs, 0, 0.0020);
        var (fixedPoint, _, _) = Errors(x, y, PlaintextReference.NegExpApproximation, output, "negexp vs (1+x/32)^32");
        // Each of the 5 squarings of a value ≤ 1 at most doubles the error carried in and adds 1 ulp
        // of truncation: at most 2^5 - 1 = 31 ulp against the exact (1 + x/32)^32 (typically ~21).
        Assert.InRange(fixedPoint, 0, 31 * Ulp);
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
        Assert.Equal(11, cost.Rounds);
        output.WriteLine($"negexp: {cost.Rounds} rounds, {cost.BytesPerElementPerParty(40):F1} bytes/element/party");
    }
}
