using Puma.Protocols.Functions;
using Puma.Protocols.Functions.Reference;
using Xunit.Abstractions;
using static Puma.Protocols.Tests.Functions.FunctionHarness;

namespace Puma.Protocols.Tests.Functions;

/// <summary>General exp: relative error where the result is at least 1, absolute (in ulp) below.</summary>
public class ExpTests(ITestOutputHelper output)
{
    private static readonly double Cutoff = ExpA.Cutoff(F);

    /// <summary>A dense grid over the valid range plus every reduction seam ±1 ulp and the range's ends.</summary>
    private static double[] Inputs()
    {
        var seams = Enumerable.Range(ExpA.LowestExponent(F), ExpA.HighestExponent - ExpA.LowestExponent(F) + 1).Select(k => k * Math.Log(2));
        double[] edges = [0, Ulp, -Ulp, ExpA.Upper - Ulp, .. Seams([.. seams])];
        return Quantise([.. Grid(-16, 20, 1.0 / 256), .. edges.Where(v => v < ExpA.Upper)]);
    }

    [Fact]
    public void RelativeErrorIsBoundedWhereTheResultIsLarge()
    {
        var x = Inputs().Where(v => v >= 0).ToArray();
        var y = Evaluate(x, ExpA.Exp);
        var (_, _, maxRel) = Errors(x, y, PlaintextReference.Exp, output, "exp [0, 20.1)");
        Assert.InRange(maxRel, 0, 2e-5);
        var (_, _, methodRel) = Errors(x, y, v => PlaintextReference.ExpApproximation(v, F), output, "exp vs its own method");
        Assert.InRange(methodRel, 0, 2e-5);
    }

    [Fact]
    public void AbsoluteErrorIsWithinThreeUlpWhereTheResultIsSmall()
    {
        var x = Inputs().Where(v => v < 0).ToArray();
        var y = Evaluate(x, ExpA.Exp);
        var (maxAbs, meanAbs, _) = Errors(x, y, PlaintextReference.Exp, output, "exp [-16, 0)");
        Assert.InRange(maxAbs, 0, 3 * Ulp);
        Assert.InRange(meanAbs, 0, Ulp);
    }

    [Fact]
    public void BelowTheCutoffIsZeroWithinOneUlp()
    {
        double[] x = [Cutoff - Ulp, -14, -100, -1e6, -Math.ScaleB(1, 43) + 1];
        Assert.All(Evaluate(x, ExpA.Exp), v => Assert.InRange(v, -Ulp, Ulp));
        Assert.True(Cutoff < Math.Log(Ulp / 2) + 1e-3, $"cutoff {Cutoff} leaves out results above half an ulp");
    }

    [Fact]
    public void ReferenceFollowsTheMethod()
    {
        Assert.Equal(0, PlaintextReference.ExpApproximation(Cutoff - Ulp, F));
        Assert.Equal(1, PlaintextReference.ExpApproximation(0, F), 5);
        Assert.Equal(Math.Exp(20), PlaintextReference.ExpApproximation(20, F), Math.Exp(20) * 3e-6);
    }

    [Fact]
    public void MeasuredCostEqualsDeclared()
    {
        var cost = Measure(40, (c, x) => ExpA.Exp(c, x).Dispose());
        Assert.Equal(ExpA.Cost(40, F), cost);
        Assert.Equal(13, cost.Rounds);
        output.WriteLine($"exp: {cost.Rounds} rounds, {cost.BytesPerElementPerParty(40):F1} bytes/element/party");
    }
}
