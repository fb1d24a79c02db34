using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;

namespace Puma.Protocols.Tests;

public class TruncationTests
{
    /// <summary>|x| up to 2^61, every value within 1 ulp of the exact arithmetic shift, never more.</summary>
    [Fact]
    public void MillionRandomValuesAreWithinOneUlp()
    {
        const int length = 1_000_000;
        const int bits = 18;
        var random = new Random(2024);
        var x = new ulong[length];
        for (int i = 0; i < length; i++) x[i] = (ulong)random.NextInt64(-(1L << 61), (1L << 61) + 1);
        var y = Harness.Evaluate([x], (c, s) => TruncA.Trunc(c, s[0], bits));
        AssertWithinOneUlp(x.Select(v => (long)v >> bits).ToArray(), y);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(18)]
    [InlineData(40)]
    [InlineData(62)]
    public void EdgeValuesForEveryShift(int bits)
    {
        long[] edges = [0, 1, -1, 2, -2, (1L << bits) - 1, 1L << bits, -(1L << bits), (1L << 61), -(1L << 61), (1L << 62) - 1, -(1L << 62), 12345678901, -98765432109];
        var x = edges.Select(v => (ulong)v).ToArray();
        var y = Harness.Evaluate([x], (c, s) => TruncA.Trunc(c, s[0], bits));
        AssertWithinOneUlp(edges.Select(v => v >> bits).ToArray(), y);
    }

    [Fact]
    public void EveryRemainderLengthWorks()
    {
        for (int length = 0; length <= 10; length++)
        {
            var x = Enumerable.Range(0, length).Select(i => (ulong)(i * 1_000_003L - 4_000_000L)).ToArray();
            var y = Harness.Evaluate([x], (c, s) => TruncA.Trunc(c, s[0], 18));
            AssertWithinOneUlp(x.Select(v => (long)v >> 18).ToArray(), y);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1000)]
    [InlineData(1001)]
    public void MeasuredCostEqualsDeclared(int length)
    {
        var x = Enumerable.Repeat(12345UL, length).ToArray();
        var cost = Harness.Measure([x], (c, s) => TruncA.Trunc(c, s[0], 18).Dispose());
        Assert.Equal(TruncA.Cost(length), cost);
    }

    internal static void AssertWithinOneUlp(long[] expected, ulong[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            long error = (long)actual[i] - expected[i];
            if (error is < -1 or > 1) Assert.Fail($"Element {i}: expected {expected[i]} ± 1, got {(long)actual[i]}.");
        }
    }
}
