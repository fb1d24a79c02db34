namespace Puma.Models.Secure;

/// <summary>
/// A run of consecutive query rows of causal attention that share one key prefix: rows
/// [<see cref="FirstRow"/>, FirstRow + <see cref="Rows"/>) see at most the first
/// <see cref="Keys"/> keys, so their scores are computed against those keys only.
/// </summary>
internal readonly record struct AttentionBucket(int FirstRow, int Rows, int Keys)
{
    /// <summary>
    /// Most buckets a window is cut into. A causal window of L rows has L(L+1)/2 visible scores;
    /// one L × L block computes all L², and B buckets of L/B rows compute (B + 1)/(2B) of it:
    /// 4 buckets cost 62.5 % of the softmax work, more add calls for little gain.
    /// </summary>
    public const int MaxCausalBuckets = 4;

    /// <summary>
    /// The buckets of <paramref name="rows"/> query rows that are the last of
    /// <paramref name="positions"/> (causal), or one bucket of all rows over all keys.
    /// </summary>
    public static AttentionBucket[] For(int rows, int positions, bool causal)
    {
        if (!causal || rows == 1) return [new(0, rows, positions)];
        var earlier = positions - rows;
        var count = Math.Min(MaxCausalBuckets, rows);
        return [.. Enumerable.Range(0, count).Select(b =>
        {
            int first = b * rows / count, end = (b + 1) * rows / count;
            return new AttentionBucket(first, end - first, earlier + end);
        })];
    }

    /// <summary>Keys each of the bucket's rows sees (causal), or null when every row sees all <see cref="Keys"/>.</summary>
    public int[]? VisibleKeys(int rows, int positions, bool causal)
    {
        if (!causal || rows == 1) return null;
        var earlier = positions - rows;
        var first = FirstRow;
        return [.. Enumerable.Range(0, Rows).Select(t => earlier + first + t + 1)];
    }
}
