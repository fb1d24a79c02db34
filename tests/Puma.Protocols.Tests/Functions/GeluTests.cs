using Puma.Protocols.Functions;
using Puma.Protocols.Functions.Reference;
using Xunit.Abstractions;
using static Puma.Protocols.Tests.Functions.FunctionHarness;

namespace Puma.Protocols.Tests.Functions;

public class GeluTests(ITestOutputHelper output)
{
    private static readonly double[] Edges =
        [0, Ulp, -Ulp, Math.ScaleB(1, 43) - 1, -Math.ScaleB(1, 43) + 1, 1e6, -1e6, .. Seams(-GeluA.Threshold, GeluA.Threshold), -4, 4];

    [Fact]
    public void MatchesExactGeluTighterThanPuma()
    {
        var x = Grid(-8, 8, 1.0 / 256).Concat(Edges).ToArray();
        var y = Evaluate(x, GeluA.Gelu);
        var (maxAbs, meanAbs, _) = Errors(x, y, PlaintextReference.Gelu, output, "gelu");
        Assert.InRange(maxAbs, 0, 2.8e-3);
        Assert.InRange(meanAbs, 0, 7.5e-4);
        var (fixedPointError, _, _) = Errors(x, y, GeluA.Approximation, output, "gelu vs approximation");
        Assert.InRange(fixedPointError, 0, 3e-5);
    }

    [Fact]
    public void ApproximationIsContinuousEnoughAtItsSeams()
    {
        foreach (double seam in (double[])[-GeluA.Threshold, GeluA.Threshold])
        {
            double below = GeluA.Approximation(seam - 1e-9), above = GeluA.Approximation(seam + 1e-9);
            Assert.InRange(Math.Abs(above - below), 0, 6e-3);
        }
    }

    [Fact]
    public void MeasuredCostEqualsDeclared()
    {
        var cost = Measure(50, (c, x) => GeluA.Gelu(c, x).Dispose());
        Assert.Equal(GeluA.Cost(50), cost);
        Assert.Equal(9, cost.Rounds);
        Assert.True(cost.BytesPerElementPerParty(50) < PiecewiseA.Cost(50, GeluA.PumaFunction(F)).BytesPerElementPerParty(50));
        output.WriteLine($"gelu: {cost.Rounds} rounds, {cost.BytesPerElementPerParty(50):F1} bytes/element/party");
    }
}
