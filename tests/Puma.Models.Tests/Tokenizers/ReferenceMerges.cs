namespace Puma.Models.Tests.Tokenizers;

/// <summary>
/// The merge loops as they were before the priority queues: the simplest statement of each rule,
/// quadratic, kept here so the fast versions can be checked against them on random vocabularies.
/// </summary>
internal static class ReferenceMerges
{
    /// <summary>Lowest rank first; every non-overlapping occurrence of that pair, left to right; repeat.</summary>
    public static List<int> ByRank(List<int> symbols, Dictionary<(int, int), (int Rank, int Merged)> merges)
    {
        while (true)
        {
            var best = (Rank: int.MaxValue, Left: -1, Right: -1, Merged: -1);
            for (var i = 0; i + 1 < symbols.Count; i++)
            {
                if (merges.TryGetValue((symbols[i], symbols[i + 1]), out var merge) && merge.Rank < best.Rank)
                    best = (merge.Rank, symbols[i], symbols[i + 1], merge.Merged);
            }
            if (best.Rank == int.MaxValue) return symbols;
            var merged = new List<int>();
            for (var i = 0; i < symbols.Count; i++)
            {
                if (i + 1 < symbols.Count && symbols[i] == best.Left && symbols[i + 1] == best.Right)
                {
                    merged.Add(best.Merged);
                    i++;
                }
                else
                {
                    merged.Add(symbols[i]);
                }
            }
            symbols = merged;
        }
    }

    /// <summary>The pair whose concatenation is the highest-scoring piece merges, the leftmost on ties; repeat.</summary>
    public static List<int> ByScore(List<int> symbols, IReadOnlyList<string> pieces, IReadOnlyList<float> scores)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var id = 0; id < pieces.Count; id++) ids.TryAdd(pieces[id], id);
        while (true)
        {
            var (bestScore, bestIndex, bestId) = (float.NegativeInfinity, -1, -1);
            for (var i = 0; i + 1 < symbols.Count; i++)
            {
                if (ids.TryGetValue(pieces[symbols[i]] + pieces[symbols[i + 1]], out var id) && scores[id] > bestScore)
                    (bestScore, bestIndex, bestId) = (scores[id], i, id);
            }
            if (bestIndex < 0) return symbols;
            symbols[bestIndex] = bestId;
            symbols.RemoveAt(bestIndex + 1);
        }
    }
}
