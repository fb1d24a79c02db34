using Puma.Protocols.Compare;

namespace Puma.Protocols.Tests.Compare;

public class MsbTests
{
    private static readonly ulong[] Edges = CompareHarness.Signed(
        0, 1, -1, 2, -2, 3, (1L << 62) - 1, 1L << 62, -(1L << 62), -(1L << 62) - 1, long.MaxValue, long.MinValue, long.MinValue + 1,
        0x5555_5555_5555_5555, unchecked((long)0xAAAA_AAAA_AAAA_AAAAUL), 0x7FFF_FFFF_0000_0000, 1L << 31, -(1L << 31), 0x0F0F_0F0F_0F0F_0F0F);

    [Fact]
    public void EdgeValues() => AssertMsb(Edges);

    [Fact]
    public void EveryLengthUpToTen()
    {
        var random = new Random(10);
        for (int length = 0; length <= 10; length++) AssertMsb(Harness.RandomVector(random, length));
    }

    [Fact]
    public void LengthsAroundWholeWordsOfBits()
    {
        var random = new Random(64);
        foreach (int length in (int[])[63, 64, 65, 127, 128, 129, 191, 192, 193]) AssertMsb(Harness.RandomVector(random, length));
    }

    [Fact]
    public void HundredThousandRandomValues()
    {
        var random = new Random(100);
        var values = Harness.RandomVector(random, 100_000);
        // Also values whose carry chains are long: few random bits above a run of ones.
        for (int i = 0; i < values.Length; i += 3) values[i] = (values[i] | ((1UL << random.Next(64)) - 1)) ^ (1UL << random.Next(64));
        AssertMsb(values);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1000)]
    [InlineData(1001)]
    public void MeasuredCostEqualsDeclared(int length)
    {
        var x = Harness.RandomVector(new Random(length), length);
        var cost = CompareHarness.Measure([], [x], (c, _, s) => MsbA.Msb(c, s[0]).Dispose());
        Assert.Equal(MsbA.Cost(length), cost);
        Assert.Equal(6, cost.Rounds);
    }

    [Fact]
    public void CostIsBelowTheReference()
    {
        // [PUMA/SPU]: 8 rounds and about 256 bits per party per element.
        Assert.True(MsbA.Cost(30_000).BytesPerElementPerParty(30_000) * 8 < 140);
    }

    private static void AssertMsb(ulong[] values)
    {
        var msb = CompareHarness.EvaluateBits([values], (c, s) => MsbA.Msb(c, s[0]));
        Assert.Equal(values.Select(v => v >> 63), msb);
    }
}
