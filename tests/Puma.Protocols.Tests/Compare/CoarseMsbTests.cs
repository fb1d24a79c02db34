using Puma.Protocols.Compare;
using Puma.Protocols.Core;
using Puma.Protocols.Runtime;

namespace Puma.Protocols.Tests.Compare;

/// <summary>
/// <see cref="CoarseMsbA"/>: with arbitrary shares the bit is the sign of x − ε for some
/// 0 ≤ ε &lt; 2^(L+1) (so exact outside [0, 2^(L+1))); with the low L bits of every component
/// cleared it is exactly the sign, over the whole valid range and at its edges.
/// </summary>
public class CoarseMsbTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(20)]
    [InlineData(32)]
    public void SignOfXMinusASmallEpsilon(int shift)
    {
        var random = new Random(shift);
        foreach (int length in (int[])[0, 1, 2, 3, 63, 64, 65, 127, 128, 129, 1001, 20_000])
        {
            var values = Bounded(random, length, shift);
            var msb = CompareHarness.EvaluateBits([values], (c, s) => CoarseMsbA.Msb(c, s[0], shift));
            for (int i = 0; i < length; i++)
            {
                long x = (long)values[i];
                if (x < 0) Assert.Equal(1UL, msb[i]);
                else if (x >= 1L << (shift + 1)) Assert.Equal(0UL, msb[i]);
                else Assert.True(msb[i] <= 1);
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(30)]
    public void ExactWhenTheLowBitsOfEveryComponentAreClear(int shift)
    {
        var random = new Random(100 + shift);
        var values = Bounded(random, 5001, shift);
        ulong mask = ~((1UL << shift) - 1);
        var results = ThreePartyRunner.Run(context =>
        {
            using var x = Input.ShareA(context, 0, context.Id == 0 ? values : [], values.Length);
            using var cleared = new AShare(values.Length);
            for (int i = 0; i < values.Length; i++)
            {
                cleared.Own.Span[i] = x.Own.Span[i] & mask;
                cleared.Next.Span[i] = x.Next.Span[i] & mask;
            }
            using var msb = CoarseMsbA.Msb(context, cleared, shift);
            return (Value: Reveal.RevealToAll(context, cleared), Msb: Reveal.RevealToAll(context, msb));
        });
        var (opened, bits) = results[0];
        Assert.Equal(opened.Select(v => v >> 63), bits);
        // The clearing moved every value by less than 3·2^L, so the test covers the edges of the range too.
        Assert.All(opened.Zip(values), p => Assert.InRange((long)(p.Second - p.First), 0, 3L << shift));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1000)]
    [InlineData(1001)]
    public void MeasuredCostEqualsDeclaredAndHalvesMsb(int length)
    {
        var x = Harness.RandomVector(new Random(length), length);
        var cost = CompareHarness.Measure([], [x], (c, _, s) => CoarseMsbA.Msb(c, s[0], 9).Dispose());
        Assert.Equal(CoarseMsbA.Cost(length), cost);
        Assert.Equal(5, cost.Rounds);
        if (length >= 1000) Assert.True(2 * cost.TotalBytesSent < MsbA.Cost(length).TotalBytesSent * 1.1);
    }

    [Fact]
    public void ShiftCoversTheMagnitude()
    {
        Assert.Equal(0, CoarseMsbA.ShiftFor(20));
        Assert.Equal(0, CoarseMsbA.ShiftFor(30));
        Assert.Equal(9, CoarseMsbA.ShiftFor(39));
    }

    /// <summary>Random values over the whole valid range for the shift, plus its edges and small values around 0.</summary>
    private static ulong[] Bounded(Random random, int length, int shift)
    {
        long high = (1L << (shift + 30)) - 1, low = -high;
        var values = CompareHarness.RandomBetween(random, length, low, high + 1);
        long[] edges = [0, 1, -1, high, low, 1L << shift, (1L << (shift + 1)) - 1, 1L << (shift + 1), -(1L << shift)];
        for (int i = 0; i < Math.Min(length, edges.Length); i++) values[i] = (ulong)edges[i];
        for (int i = edges.Length; i < length; i += 4) values[i] = (ulong)random.NextInt64(-(4L << shift), 4L << shift);
        return values;
    }
}
