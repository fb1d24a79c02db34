using Puma.Protocols.Functions;
using Puma.Protocols.Functions.Reference;
using Xunit.Abstractions;
using static Puma.Protocols.Tests.Functions.FunctionHarness;

namespace Puma.Protocols.Tests.Functions;

public class PolynomialTests(ITestOutputHelper output)
{
    private static readonly double[][] Polynomials =
    [
        [0.25, -1.5, 0.75],
        [1, 0.5, -0.25, 0.125],
        [-0.5, 0, 0.3, 0, -0.04, 0, 0.002],
        [0.1, 1, -0.5, 0.25, -0.125, 0.0625, -0.03, 0.01, -0.002],
    ];

    [Fact]
    public void SeveralPolynomialsShareTheirPowers()
    {
        var x = Grid(-2, 2, 1.0 / 512).Concat([Ulp, -Ulp, 0]).ToArray();
        var opened = Harness.Evaluate([Encode(x)], (c, s) =>
        {
            var results = PolynomialA.Evaluate(c, s[0], Polynomials, bound: 8);
            // Concatenate the results so one reveal opens them all.
            var all = new Core.AShare(x.Length * results.Length);
            for (int k = 0; k < results.Length; k++)
            {
                results[k].Own.Span.CopyTo(all.Own.Slice(k * x.Length, x.Length));
                results[k].Next.Span.CopyTo(all.Next.Slice(k * x.Length, x.Length));
                results[k].Dispose();
            }
            return all;
        });
        for (int k = 0; k < Polynomials.Length; k++)
        {
            var y = opened.Skip(k * x.Length).Take(x.Length).Select(v => Simd.FixedPoint.Decode(v, F)).ToArray();
            var (maxAbs, _, _) = Errors(x, y, v => PlaintextReference.Polynomial(Polynomials[k], v), output, $"degree {Polynomials[k].Length - 1}");
            // A few ulp: the powers' truncation errors, amplified by the derivative.
            Assert.InRange(maxAbs, 0, 30 * Ulp);
        }
    }

    [Fact]
    public void WithoutAnX7TermDegreeEightTakesThreeProducts()
    {
        double[] polynomial = [0.1, 1, -0.5, 0.25, -0.125, 0.0625, -0.03, 0, -0.002];
        var x = Grid(-2, 2, 1.0 / 512).Concat([Ulp, -Ulp, 0]).ToArray();
        var y = Evaluate(x, (c, s) => PolynomialA.Evaluate(c, s, [polynomial], bound: 8)[0]);
        var (maxAbs, _, _) = Errors(x, y, v => PlaintextReference.Polynomial(polynomial, v), output, "degree 8 without x^7");
        Assert.InRange(maxAbs, 0, 30 * Ulp);
        var cost = Measure(30, (c, s) => PolynomialA.Evaluate(c, s, [polynomial], 8)[0].Dispose());
        Assert.Equal(PolynomialA.Cost(30, [polynomial]), cost);
        Assert.Equal(6, cost.Rounds);
        Assert.Equal(3 * Arithmetic.MulTruncAA.Cost(30).TotalBytesSent, cost.TotalBytesSent);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 4)]
    [InlineData(2, 6)]
    [InlineData(3, 6)]
    public void RoundsFollowTheDegree(int index, int rounds)
    {
        double[][] polynomials = [Polynomials[index]];
        var cost = Measure(20, (c, x) => { foreach (var r in PolynomialA.Evaluate(c, x, polynomials, 8)) r.Dispose(); });
        Assert.Equal(PolynomialA.Cost(20, polynomials), cost);
        Assert.Equal(rounds, cost.Rounds);
    }

    [Fact]
    public void AllTogetherCostTheRoundsOfTheHighestDegree()
    {
        var cost = Measure(20, (c, x) => { foreach (var r in PolynomialA.Evaluate(c, x, Polynomials, 8)) r.Dispose(); });
        Assert.Equal(PolynomialA.Cost(20, Polynomials), cost);
        Assert.Equal(6, cost.Rounds);
    }
}
