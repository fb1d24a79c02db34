namespace Puma.Models.Tokenizers;

/// <summary>
/// Hugging Face BPE's merge loop, shared by the byte-level (GPT-2) and byte-fallback (LLaMA)
/// models: the adjacent pair with the lowest merge rank is merged, every non-overlapping
/// occurrence left to right, until no adjacent pair has a merge.
/// </summary>
internal static class BpeRankedMerges
{
    /// <summary>Merges <paramref name="symbols"/> (token ids) by <paramref name="merges"/>: (left, right) → (rank, merged id).</summary>
    public static List<int> Apply(List<int> symbols, Dictionary<(int Left, int Right), (int Rank, int Merged)> merges)
    {
        while (symbols.Count > 1)
        {
            var bestRank = int.MaxValue;
            var best = (Left: -1, Right: -1, Merged: -1);
            for (var i = 0; i + 1 < symbols.Count; i++)
            {
                if (merges.TryGetValue((symbols[i], symbols[i + 1]), out var merge) && merge.Rank < bestRank)
                {
                    bestRank = merge.Rank;
                    best = (symbols[i], symbols[i + 1], merge.Merged);
                }
            }
            if (bestRank == int.MaxValue) break;

            var merged = new List<int>(symbols.Count);
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
        return symbols;
    }
}
