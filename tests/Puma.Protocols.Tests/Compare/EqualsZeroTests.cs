using Puma.Protocols.Compare;

namespace Puma.Protocols.Tests.Compare;

public class EqualsZeroTests
{
    [Fact]
    public void ZeroAndValuesOneBitAwayFromIt()
    {
        var values = new List<ulong> { 0, 0, 1, ulong.MaxValue, 1UL << 63, 0 };
        for (int bit = 0; bit < 64; bit++) values.Add(1UL << bit);
        for (int bit = 0; bit < 64; bit++) values.Add(~(1UL << bit));
        AssertEqualsZero([.. values]);
    }

    [Fact]
    public void EveryLengthUpToTenAndALargeVector()
    {
        var random = new Random(6);
        for (int length = 0; length <= 10; length++)
        {
            AssertEqualsZero(Harness.RandomVector(random, length).Select((v, i) => i % 2 == 0 ? 0 : v).ToArray());
        }
        var large = Harness.RandomVector(random, 100_000);
        for (int i = 0; i < large.Length; i += 7) large[i] = 0;
        for (int i = 1; i < large.Length; i += 11) large[i] &= 0xF000_0000_0000_000FUL;
        AssertEqualsZero(large);
    }

    [Fact]
    public void EqualComparesTwoShares()
    {
        var random = new Random(8);
        var x = Harness.RandomVector(random, 200);
        var y = x.Select((v, i) => i % 3 == 0 ? v : v + (ulong)(i % 5)).ToArray();
        var equal = CompareHarness.EvaluateBits([x, y], (c, s) => EqualsZeroA.Equal(c, s[0], s[1]));
        Assert.Equal(x.Zip(y, (a, b) => a == b ? 1UL : 0), equal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(1000)]
    public void MeasuredCostEqualsDeclared(int length)
    {
        var x = Harness.RandomVector(new Random(length), length);
        var cost = CompareHarness.Measure([], [x], (c, _, s) => EqualsZeroA.EqualsZero(c, s[0]).Dispose());
        Assert.Equal(EqualsZeroA.Cost(length), cost);
        Assert.Equal(6, cost.Rounds);
    }

    private static void AssertEqualsZero(ulong[] values)
    {
        var zero = CompareHarness.EvaluateBits([values], (c, s) => EqualsZeroA.EqualsZero(c, s[0]));
        Assert.Equal(values.Select(v => v == 0 ? 1UL : 0), zero);
    }
}
