namespace Puma.Models.Tokenizers;

/// <summary>
/// Hugging Face BPE's merge loop, shared by the byte-level (GPT-2) and byte-fallback (LLaMA)
/// models: the adjacent pair with the lowest merge rank is merged, every non-overlapping
/// occurrence left to right, until no adjacent pair has a merge. The pairs wait in a priority
/// queue by rank (O(n log n)); stale entries, whose symbols have since merged, are skipped when
/// they come out.
/// </summary>
internal static class BpeRankedMerges
{
    /// <summary>Merges <paramref name="symbols"/> (token ids) by <paramref name="merges"/>: (left, right) → (rank, merged id).</summary>
    public static List<int> Apply(List<int> symbols, Dictionary<(int Left, int Right), (int Rank, int Merged)> merges)
    {
        if (symbols.Count < 2) return symbols;
        var chain = new SymbolChain(symbols);
        var queue = new PriorityQueue<(int Position, int Left, int Right), int>();
        void Enqueue(int left)
        {
            var right = left < 0 ? -1 : chain.Next(left);
            if (right >= 0 && merges.TryGetValue((chain.Id(left), chain.Id(right)), out var merge))
                queue.Enqueue((left, chain.Id(left), chain.Id(right)), merge.Rank);
        }
        for (var position = 0; position + 1 < chain.Count; position++) Enqueue(position);

        var batch = new List<int>();
        while (queue.TryDequeue(out var first, out var rank))
        {
            if (!chain.HasPair(first.Position, first.Left, first.Right)) continue;
            // Ranks are unique per pair, so every entry of this rank is the same pair: all its
            // occurrences merge in one left-to-right pass, as the rank-by-rank loop did.
            batch.Clear();
            batch.Add(first.Position);
            while (queue.TryPeek(out var other, out var otherRank) && otherRank == rank)
            {
                queue.Dequeue();
                batch.Add(other.Position);
            }
            batch.Sort();
            var merged = merges[(first.Left, first.Right)].Merged;
            for (var i = 0; i < batch.Count; i++)
            {
                var position = batch[i];
                if ((i > 0 && batch[i - 1] == position) || !chain.HasPair(position, first.Left, first.Right)) continue;
                chain.Merge(position, merged);
                Enqueue(chain.Previous(position));
                Enqueue(position);
            }
        }
        return chain.ToList();
    }
}
