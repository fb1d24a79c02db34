using Puma.Protocols.Compare;

namespace Puma.Protocols.Tests.Compare;

public class LessThanTests
{
    private const long Bound = 1L << 62;

    [Fact]
    public void RandomAndEdgePairsWithinTheValidRange()
    {
        var random = new Random(1);
        var x = CompareHarness.RandomBetween(random, 5000, -Bound, Bound).Concat(CompareHarness.Signed(0, 0, 1, -1, Bound - 1, -Bound, Bound - 1, -Bound, 7, -7, 5)).ToArray();
        var y = CompareHarness.RandomBetween(random, 5000, -Bound, Bound).Concat(CompareHarness.Signed(0, 1, 0, 0, -Bound, Bound - 1, Bound - 1, -Bound, 7, -7, 5)).ToArray();
        for (int i = 0; i < 100; i++) y[i] = x[i];
        for (int i = 100; i < 200; i++) y[i] = x[i] + 1;
        var lt = CompareHarness.EvaluateBits([x, y], (c, s) => LessThanA.LessThan(c, s[0], s[1]));
        Assert.Equal(x.Zip(y, (a, b) => (long)a < (long)b ? 1UL : 0), lt);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-4L << 18)]
    [InlineData(3L << 18)]
    [InlineData((1L << 61) - 1)]
    public void AgainstPublicConstants(long constant)
    {
        var random = new Random((int)(constant & 0xFFFF));
        var x = CompareHarness.RandomBetween(random, 300, -(1L << 21), 1L << 21)
            .Concat(CompareHarness.Signed(constant, constant - 1, constant + 1, -Bound, Bound - 1)).ToArray();
        var below = CompareHarness.EvaluateBits([x], (c, s) => LessThanA.LessThanPublic(c, s[0], (ulong)constant));
        var above = CompareHarness.EvaluateBits([x], (c, s) => LessThanA.GreaterThanPublic(c, s[0], (ulong)constant));
        Assert.Equal(x.Select(v => (long)v < constant ? 1UL : 0), below);
        Assert.Equal(x.Select(v => (long)v > constant ? 1UL : 0), above);
    }

    [Fact]
    public void ThreeComparisonsRunTogetherInTheRoundsOfOne()
    {
        var x = CompareHarness.RandomBetween(new Random(3), 50, -(8L << 18), 8L << 18);
        long[] constants = [-4L << 18, -(195L << 18) / 100, 3L << 18];
        var cost = CompareHarness.Measure([], [x], (c, _, s) =>
        {
            var results = constants.Select(_ => new Core.BShare(x.Length)).ToArray();
            c.Run(Net.Steps.Together(constants.Select((k, i) => LessThanA.LessThanPublicSteps(c, s[0], (ulong)k, results[i])).ToArray()));
            foreach (var r in results) r.Dispose();
        });
        Assert.Equal(LessThanA.Cost(x.Length).Rounds, cost.Rounds);
        Assert.Equal(3 * LessThanA.Cost(x.Length).TotalBytesSent, cost.TotalBytesSent);
    }

    [Fact]
    public void MeasuredCostEqualsDeclared()
    {
        var random = new Random(4);
        var x = CompareHarness.RandomBetween(random, 777, -Bound, Bound);
        var y = CompareHarness.RandomBetween(random, 777, -Bound, Bound);
        Assert.Equal(LessThanA.Cost(777), CompareHarness.Measure([], [x, y], (c, _, s) => LessThanA.LessThan(c, s[0], s[1]).Dispose()));
        Assert.Equal(LessThanA.Cost(777), CompareHarness.Measure([], [x], (c, _, s) => LessThanA.GreaterThanPublic(c, s[0], 5).Dispose()));
    }
}
