using Puma.Protocols.Compare;

namespace Puma.Protocols.Tests.Compare;

/// <summary>
/// Max and argmax with coarse signs (<see cref="SignMethod.Coarse"/>): the result is always one of
/// the row's values, within 3·levels·2^L of the true maximum, and the one-hot marks exactly one
/// column, holding a value that close — also for rows of ties and of values closer than 2^L.
/// </summary>
public class CoarseMaxTests
{
    private const int MagnitudeBits = 39;

    [Theory]
    [InlineData(1, 128, 34)]
    [InlineData(5, 128, 34)]
    [InlineData(7, 7, 20)]
    [InlineData(3, 33, 40)]
    [InlineData(4, 2, 10)]
    public void NearMaximumAndExactlyOneHot(int rows, int columns, int maxRounds)
    {
        var random = new Random(rows * 1000 + columns);
        var plan = MaxPlan.Within(columns, maxRounds, SignMethod.Coarse(MagnitudeBits));
        int shift = plan.Sign.Shift!.Value;
        long tolerance = 3L * plan.GroupSizes.Count << shift;
        var x = Rows(random, rows, columns, shift);
        var max = Harness.Evaluate([x], (c, s) => MaxA.Max(c, s[0], rows, columns, plan));
        var oneHot = Harness.Evaluate([x], (c, s) => ArgMaxA.ArgMax(c, s[0], rows, columns, plan));
        for (int r = 0; r < rows; r++)
        {
            var row = x.Skip(r * columns).Take(columns).Select(v => (long)v).ToArray();
            var hot = oneHot.Skip(r * columns).Take(columns).ToArray();
            Assert.Contains((long)max[r], row);
            Assert.InRange(row.Max() - (long)max[r], 0, tolerance);
            Assert.Equal(1, hot.Count(h => h == 1));
            Assert.Equal(columns, hot.Count(h => h <= 1));
            // A separate run with fresh shares may resolve near-ties differently, but just as closely.
            Assert.InRange(row.Max() - row[Array.IndexOf(hot, 1UL)], 0, tolerance);
        }
    }

    [Fact]
    public void CoarseSignsBuyFewerComparisonsInTheSameBudget()
    {
        var exact = MaxPlan.Within(128, 34);
        var coarse = MaxPlan.Within(128, 34, SignMethod.Coarse(MagnitudeBits));
        Assert.InRange(coarse.Rounds, 0, 34);
        long Comparisons(MaxPlan plan) => plan.Widths().Zip(plan.GroupSizes, MaxPlan.Comparisons).Sum();
        Assert.True(Comparisons(coarse) < Comparisons(exact));
        Assert.Equal(9, coarse.Sign.Shift);
    }

    [Theory]
    [InlineData(128, 34)]
    [InlineData(7, 20)]
    public void MeasuredCostEqualsDeclared(int columns, int maxRounds)
    {
        var plan = MaxPlan.Within(columns, maxRounds, SignMethod.Coarse(MagnitudeBits));
        var x = Rows(new Random(columns), 3, columns, plan.Sign.Shift!.Value);
        var cost = Harness.Measure([x], (c, s) => MaxA.Max(c, s[0], 3, columns, plan).Dispose());
        Assert.Equal(MaxA.Cost(3, columns, plan), cost);
        Assert.Equal(plan.Rounds, cost.Rounds);
    }

    /// <summary>Random values below 2^38 in magnitude, with ties and near-ties (closer than 2^L) planted in every row.</summary>
    private static ulong[] Rows(Random random, int rows, int columns, int shift)
    {
        var x = new ulong[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            long centre = random.NextInt64(-(1L << 37), 1L << 37);
            for (int j = 0; j < columns; j++)
            {
                x[r * columns + j] = (ulong)(random.Next(4) switch
                {
                    0 => centre,
                    1 => centre + random.NextInt64(-(1L << shift), 1L << shift),
                    _ => random.NextInt64(-(1L << 38), 1L << 38),
                });
            }
        }
        return x;
    }
}
