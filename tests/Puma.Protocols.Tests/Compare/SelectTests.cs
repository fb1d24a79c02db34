using Puma.Protocols.Compare;

namespace Puma.Protocols.Tests.Compare;

public class SelectTests
{
    [Fact]
    public void SelectsEveryLengthUpToTenAndALargeVector()
    {
        var random = new Random(3);
        foreach (int length in Enumerable.Range(0, 11).Append(100_000))
        {
            var bits = Harness.RandomVector(random, length);
            var x = Harness.RandomVector(random, length);
            if (length > 2) (x[0], x[1]) = (ulong.MaxValue, 1UL << 63);
            var selected = CompareHarness.EvaluateMixed(bits, [x], (c, b, s) => SelectBA.Select(c, b, s[0]));
            Assert.Equal(bits.Zip(x, (b, v) => (b & 1) == 1 ? v : 0), selected);
        }
    }

    [Fact]
    public void OneBitTimesSeveralOperands()
    {
        var random = new Random(4);
        var bits = Harness.RandomVector(random, 40);
        var x = Harness.RandomVector(random, 40);
        var y = Harness.RandomVector(random, 40);
        var selected = CompareHarness.EvaluateMixed(bits, [x, y], (c, b, s) =>
        {
            var both = SelectBA.Select(c, b, s);
            var sum = new Core.AShare(40);
            Arithmetic.LinearA.Subtract(both[0], both[1], sum);
            foreach (var share in both) share.Dispose();
            return sum;
        });
        Assert.Equal(bits.Select((b, i) => (b & 1) == 1 ? x[i] - y[i] : 0), selected);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(500, 1)]
    [InlineData(500, 3)]
    public void MeasuredCostEqualsDeclared(int length, int operands)
    {
        var random = new Random(length);
        var bits = Harness.RandomVector(random, length);
        var xs = Enumerable.Range(0, operands).Select(_ => Harness.RandomVector(random, length)).ToArray();
        var cost = CompareHarness.Measure(bits, xs, (c, b, s) =>
        {
            foreach (var share in SelectBA.Select(c, b, s)) share.Dispose();
        });
        Assert.Equal(SelectBA.Cost(length, operands), cost);
        Assert.Equal(2, cost.Rounds);
    }
}
