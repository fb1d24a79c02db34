using Puma.Protocols.Compare;
using Puma.Protocols.Core;

namespace Puma.Protocols.Tests.Compare;

public class MaxTests
{
    [Theory]
    [InlineData(3, 1)]
    [InlineData(5, 2)]
    [InlineData(4, 3)]
    [InlineData(6, 9)]
    [InlineData(2, 128)]
    [InlineData(2, 129)]
    public void MaxAndArgMaxMatchPlaintextWithTies(int rows, int columns)
    {
        var x = TiedRows(new Random(rows * 1000 + columns), rows, columns);
        var (max, oneHot) = Evaluate(x, rows, columns, plan: null);
        AssertMaxAndArgMax(x, rows, columns, max, oneHot);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(128)]
    public void EveryPlanGivesTheSameAnswer(int columns)
    {
        var x = TiedRows(new Random(columns), 3, columns);
        foreach (var plan in new[] { MaxPlan.BinaryTree(columns), MaxPlan.For(columns), columns == 7 ? MaxPlan.Custom(7, 3, 3) : MaxPlan.Custom(128, 4, 4, 8) })
        {
            var (max, oneHot) = Evaluate(x, 3, columns, plan);
            AssertMaxAndArgMax(x, 3, columns, max, oneHot);
        }
    }

    [Fact]
    public void EveryColumnCountUpToTen()
    {
        for (int columns = 1; columns <= 10; columns++)
        {
            var x = TiedRows(new Random(columns), 2, columns);
            var (max, oneHot) = Evaluate(x, 2, columns, plan: null);
            AssertMaxAndArgMax(x, 2, columns, max, oneHot);
        }
    }

    [Fact]
    public void ZeroRows()
    {
        var (max, oneHot) = Evaluate([], 0, 5, plan: null);
        Assert.Empty(max);
        Assert.Empty(oneHot);
    }

    /// <summary>Rows of 128: the default plan against the plain binary tree (compare + select per halving).</summary>
    [Fact]
    public void RowsOf128TakeFarFewerRoundsThanTheBinaryTree()
    {
        var x = TiedRows(new Random(12), 4, 128);
        var lean = Measure(x, 4, 128, MaxPlan.For(128), argMax: false);
        var binary = Measure(x, 4, 128, MaxPlan.BinaryTree(128), argMax: false);
        Assert.Equal(23, lean.Rounds);
        Assert.Equal(56, binary.Rounds);
        Assert.Equal(new[] { 8, 16 }, MaxPlan.For(128).GroupSizes);
    }

    [Theory]
    [InlineData(128, 34)]
    [InlineData(128, 23)]
    [InlineData(1000, 40)]
    [InlineData(9, 12)]
    public void WithinARoundBudgetTheFewestComparisonsWin(int columns, int maxRounds)
    {
        var within = MaxPlan.Within(columns, maxRounds);
        var fewestRounds = MaxPlan.For(columns);
        Assert.InRange(within.Rounds, 0, Math.Max(maxRounds, fewestRounds.Rounds));
        // No plan of the same budget compares less: against every plan of up to four levels.
        long comparisons = Comparisons(within);
        Assert.True(comparisons <= Comparisons(fewestRounds));
        foreach (var groups in SmallPlans(columns).Where(p => p.Rounds <= maxRounds)) Assert.True(comparisons <= Comparisons(groups));
    }

    [Fact]
    public void RowsOf128InA34RoundBudgetHalveTheComparisons()
    {
        var plan = MaxPlan.Within(128, 34);
        Assert.Equal(new[] { 3, 4, 11 }, plan.GroupSizes);
        Assert.Equal(31, plan.Rounds);
        var x = TiedRows(new Random(13), 3, 128);
        Assert.Equal(MaxA.Cost(3, 128, plan), Measure(x, 3, 128, plan, argMax: false));
    }

    private static long Comparisons(MaxPlan plan)
        => plan.Widths().Zip(plan.GroupSizes).Sum(level => MaxPlan.Comparisons(level.First, level.Second));

    /// <summary>Every valid plan of one to four levels with groups of 2..16.</summary>
    private static IEnumerable<MaxPlan> SmallPlans(int columns)
    {
        var groups = Enumerable.Range(2, 15).ToArray();
        IEnumerable<int[]> sequences = groups.Select(g => new[] { g });
        var all = new List<int[]>(sequences);
        for (int depth = 2; depth <= 4; depth++)
        {
            sequences = sequences.SelectMany(s => groups.Select(g => (int[])[.. s, g])).ToList();
            all.AddRange(sequences);
        }
        return all.Where(sizes => ReducesToOne(columns, sizes)).Select(sizes => MaxPlan.Custom(columns, sizes));
    }

    private static bool ReducesToOne(int width, int[] sizes)
    {
        foreach (int g in sizes)
        {
            if (width == 1) return false;
            width = (width + g - 1) / g;
        }
        return width == 1;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(2, 3)]
    [InlineData(4, 128)]
    [InlineData(2, 129)]
    public void MeasuredCostsEqualDeclared(int rows, int columns)
    {
        var x = TiedRows(new Random(columns), rows, columns);
        foreach (var plan in new[] { MaxPlan.For(columns), MaxPlan.BinaryTree(columns) })
        {
            Assert.Equal(MaxA.Cost(rows, columns, plan), Measure(x, rows, columns, plan, argMax: false));
            Assert.Equal(ArgMaxA.Cost(rows, columns, plan), Measure(x, rows, columns, plan, argMax: true));
            Assert.Equal(plan.Rounds, MaxA.Cost(rows, columns, plan).Rounds);
            Assert.Equal(plan.Rounds, ArgMaxA.Cost(rows, columns, plan).Rounds);
        }
    }

    [Fact]
    public void PlansMustReduceToOne()
    {
        Assert.Throws<ArgumentException>(() => MaxPlan.Custom(10, 2, 2));
        Assert.Throws<ArgumentException>(() => MaxPlan.Custom(4, 4, 2));
        Assert.Throws<ArgumentException>(() => MaxPlan.Custom(4, 1, 4));
        Assert.Empty(MaxPlan.For(1).GroupSizes);
    }

    /// <summary>Fixed-point-sized values with many repeats, so rows have tied maxima.</summary>
    private static ulong[] TiedRows(Random random, int rows, int columns)
    {
        var x = CompareHarness.RandomBetween(random, rows * columns, -(1L << 40), 1L << 40);
        for (int i = 0; i < x.Length; i++)
        {
            if (random.Next(3) == 0) x[i] = (ulong)(long)random.Next(-3, 4);
        }
        if (rows > 0 && columns > 1) x[columns - 1] = x[0] = (ulong)(1L << 41);
        if (rows > 1) Array.Fill(x, unchecked((ulong)(-(1L << 61))), columns, columns);
        return x;
    }

    private static (ulong[] Max, ulong[] OneHot) Evaluate(ulong[] x, int rows, int columns, MaxPlan? plan)
    {
        var max = Harness.Evaluate([x], (c, s) => MaxA.Max(c, s[0], rows, columns, plan));
        var oneHot = Harness.Evaluate([x], (c, s) => ArgMaxA.ArgMax(c, s[0], rows, columns, plan));
        return (max, oneHot);
    }

    private static ProtocolCost Measure(ulong[] x, int rows, int columns, MaxPlan plan, bool argMax)
        => Harness.Measure([x], (c, s) =>
        {
            if (argMax) ArgMaxA.ArgMax(c, s[0], rows, columns, plan).Dispose();
            else MaxA.Max(c, s[0], rows, columns, plan).Dispose();
        });

    private static void AssertMaxAndArgMax(ulong[] x, int rows, int columns, ulong[] max, ulong[] oneHot)
    {
        for (int r = 0; r < rows; r++)
        {
            var row = x.Skip(r * columns).Take(columns).Select(v => (long)v).ToArray();
            long expected = row.Max();
            Assert.Equal(expected, (long)max[r]);
            int first = Array.IndexOf(row, expected);
            Assert.Equal(Enumerable.Range(0, columns).Select(c => c == first ? 1UL : 0), oneHot.Skip(r * columns).Take(columns));
        }
    }
}
