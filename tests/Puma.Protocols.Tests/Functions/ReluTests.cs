using Puma.Protocols.Functions;
using Puma.Protocols.Functions.Reference;
using Xunit.Abstractions;
using static Puma.Protocols.Tests.Functions.FunctionHarness;

namespace Puma.Protocols.Tests.Functions;

public class ReluTests(ITestOutputHelper output)
{
    [Fact]
    public void EqualsTheReferenceExactlyOnRandomAndEdgeInputs()
    {
        var random = new Random(41);
        var x = Quantise([.. Enumerable.Range(0, 2000).Select(_ => (random.NextDouble() - 0.5) * 64),
            0, Ulp, -Ulp, Math.ScaleB(1, 43), -Math.ScaleB(1, 43), 1e6, -1e6]);

        var y = Evaluate(x, ReluA.Relu);

        var (maxAbs, _, _) = Errors(x, y, PlaintextReference.Relu, output, "relu");
        Assert.Equal(0, maxAbs);
    }

    /// <summary>No approximation and no truncation: the sign decides on the whole ring, its ends included.</summary>
    [Fact]
    public void KeepsNonNegativeRingElementsAndZeroesNegativeOnes()
    {
        var random = new Random(42);
        ulong[] x = [.. Harness.RandomVector(random, 500), 0, 1, ulong.MaxValue, long.MaxValue, 1UL << 63];

        var y = Harness.Evaluate([x], (c, s) => ReluA.Relu(c, s[0]));

        Assert.Equal(x.Select(v => (long)v < 0 ? 0 : v), y);
    }

    [Fact]
    public void MeasuredCostEqualsDeclared()
    {
        var cost = Measure(50, (c, x) => ReluA.Relu(c, x).Dispose());
        Assert.Equal(ReluA.Cost(50), cost);
        output.WriteLine($"relu: {cost.Rounds} rounds, {cost.BytesPerElementPerParty(50):F1} bytes/element/party");
    }
}
