namespace Puma.Protocols.Compare;

/// <summary>
/// How <see cref="MaxA"/> and <see cref="ArgMaxA"/> reduce a row: level by level, the row is cut
/// into groups of <see cref="GroupSizes"/>[level] elements (the last group of a row may be
/// smaller), and each group is replaced by its maximum. A level with groups of g costs
/// <see cref="MsbA"/> + ⌈log2(g − 1)⌉ + 2 rounds and g(g − 1)/2 comparisons per group.
/// </summary>
public sealed class MaxPlan
{
    /// <summary>Largest group <see cref="For"/> uses: g(g−1)/2 comparisons per g elements bounds the bytes.</summary>
    public const int MaxGroup = 16;

    private MaxPlan(int length, int[] groupSizes, SignMethod? sign = null)
    {
        Length = length;
        GroupSizes = groupSizes;
        Sign = sign ?? SignMethod.Exact;
    }

    /// <summary>Row length the plan reduces to 1.</summary>
    public int Length { get; }

    /// <summary>Group size per level.</summary>
    public IReadOnlyList<int> GroupSizes { get; }

    /// <summary>How the comparisons take their signs (exact unless made by <see cref="Within"/> with a coarse method).</summary>
    public SignMethod Sign { get; }

    /// <summary>Rounds of the whole reduction.</summary>
    public int Rounds => Widths().Zip(GroupSizes, (width, group) => LevelRounds(width, group, Sign.Rounds)).Sum();

    /// <summary>Row widths before each level.</summary>
    internal IEnumerable<int> Widths()
    {
        int width = Length;
        foreach (int g in GroupSizes)
        {
            yield return width;
            width = (width + g - 1) / g;
        }
    }

    /// <summary>
    /// The default: fewest rounds with groups of at most <see cref="MaxGroup"/>, ties broken by fewer
    /// comparisons. Rows of 128: groups of 8 then 16, 23 rounds (the binary tree needs 56).
    /// </summary>
    public static MaxPlan For(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var best = new Dictionary<int, (int Rounds, long Comparisons, int Group)>();
        Best(Math.Max(length, 1), best);
        var sizes = new List<int>();
        for (int width = Math.Max(length, 1); width > 1; width = (width + best[width].Group - 1) / best[width].Group) sizes.Add(best[width].Group);
        return new MaxPlan(length, [.. sizes]);
    }

    /// <summary>
    /// The plan with the fewest comparisons that takes at most <paramref name="maxRounds"/> rounds, or
    /// <see cref="For"/>'s fewest-rounds plan when none fits. For large batches of rows, where the
    /// comparisons' bytes and work outweigh a few rounds: rows of 128 in 34 rounds take groups of
    /// 3, 4, 11 (31 rounds, 1.9 comparisons per element instead of 4.4). With a coarse
    /// <paramref name="sign"/> a level takes a round less, so the same budget buys fewer comparisons.
    /// </summary>
    public static MaxPlan Within(int length, int maxRounds, SignMethod? sign = null)
    {
        sign ??= SignMethod.Exact;
        var fewestRounds = For(length);
        if (sign == SignMethod.Exact && fewestRounds.Rounds >= maxRounds) return fewestRounds;
        var memo = new Dictionary<(int, int), (long Comparisons, int Group)>();
        int start = Math.Max(length, 1);
        if (Leanest(start, maxRounds, sign.Rounds, memo).Comparisons == long.MaxValue) return new MaxPlan(length, [.. fewestRounds.GroupSizes], sign);
        var sizes = new List<int>();
        int budget = maxRounds;
        for (int width = start; width > 1;)
        {
            int g = Leanest(width, budget, sign.Rounds, memo).Group;
            sizes.Add(g);
            budget -= LevelRounds(width, g, sign.Rounds);
            width = (width + g - 1) / g;
        }
        return new MaxPlan(length, [.. sizes], sign);
    }

    /// <summary>The plain binary tree: pairs at every level.</summary>
    public static MaxPlan BinaryTree(int length) => Custom(length, Enumerable.Repeat(2, Levels(length)).ToArray());

    /// <summary>A plan with the given group sizes (each ≥ 2), which must reduce the row to one element.</summary>
    public static MaxPlan Custom(int length, params int[] groupSizes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (groupSizes.Any(g => g < 2)) throw new ArgumentException("Groups have at least 2 elements.", nameof(groupSizes));
        var plan = new MaxPlan(length, [.. groupSizes]);
        int last = groupSizes.Aggregate(Math.Max(length, 1), (width, g) => (width + g - 1) / g);
        if (last != 1 || plan.Widths().Any(w => w == 1)) throw new ArgumentException($"Groups {string.Join(",", groupSizes)} do not reduce {length} to 1 exactly.", nameof(groupSizes));
        return plan;
    }

    internal static int LevelRounds(int width, int group, int signRounds) => signRounds + AndReduction.Rounds(Math.Min(group, width) - 1) + 2;

    /// <summary>Comparisons per row at a level: all pairs in every group.</summary>
    internal static long Comparisons(int width, int group)
    {
        int full = width / group, rest = width % group;
        return full * (long)group * (group - 1) / 2 + (long)rest * (rest - 1) / 2;
    }

    private static int Levels(int length)
    {
        int levels = 0;
        for (int width = Math.Max(length, 1); width > 1; width = (width + 1) / 2) levels++;
        return levels;
    }

    /// <summary>Fewest comparisons reducing <paramref name="width"/> to 1 within <paramref name="budget"/> rounds (long.MaxValue: impossible).</summary>
    private static (long Comparisons, int Group) Leanest(int width, int budget, int signRounds, Dictionary<(int, int), (long, int)> memo)
    {
        if (width == 1) return (0, 0);
        if (memo.TryGetValue((width, budget), out var known)) return known;
        (long Comparisons, int Group) best = (long.MaxValue, 0);
        for (int g = 2; g <= Math.Min(MaxGroup, width); g++)
        {
            int rounds = LevelRounds(width, g, signRounds);
            if (rounds > budget) continue;
            var rest = Leanest((width + g - 1) / g, budget - rounds, signRounds, memo);
            if (rest.Comparisons == long.MaxValue) continue;
            long comparisons = Comparisons(width, g) + rest.Comparisons;
            if (comparisons < best.Comparisons) best = (comparisons, g);
        }
        memo[(width, budget)] = best;
        return best;
    }

    private static (int Rounds, long Comparisons, int Group) Best(int width, Dictionary<int, (int, long, int)> memo)
    {
        if (width == 1) return (0, 0, 0);
        if (memo.TryGetValue(width, out var known)) return known;
        (int Rounds, long Comparisons, int Group) best = (int.MaxValue, long.MaxValue, 0);
        for (int g = 2; g <= Math.Min(MaxGroup, width); g++)
        {
            int next = (width + g - 1) / g;
            var rest = Best(next, memo);
            var candidate = (LevelRounds(width, g, MsbA.Cost(0).Rounds) + rest.Rounds, Comparisons(width, g) + rest.Comparisons, g);
            if (candidate.Item1 < best.Rounds || (candidate.Item1 == best.Rounds && candidate.Item2 < best.Comparisons)) best = candidate;
        }
        memo[width] = best;
        return best;
    }
}
