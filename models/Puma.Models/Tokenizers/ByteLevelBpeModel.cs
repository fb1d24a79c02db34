using System.Collections.Concurrent;

namespace Puma.Models.Tokenizers;

/// <summary>
/// The BPE model proper: a vocabulary of byte-mapped strings and ranked merges. A word (one
/// pre-tokenized piece, already byte-mapped) starts as single characters; the adjacent pair with
/// the lowest merge rank is merged, leftmost first, until no pair has a merge.
/// </summary>
internal sealed class ByteLevelBpeModel
{
    /// <summary>Results are cached per word; the cache is dropped when it grows past this.</summary>
    private const int MaxCachedWords = 200_000;

    private readonly Dictionary<string, int> _vocab;
    private readonly Dictionary<(int Left, int Right), (int Rank, int Merged)> _merges;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);

    public ByteLevelBpeModel(Dictionary<string, int> vocab, Dictionary<(int Left, int Right), (int Rank, int Merged)> merges)
    {
        _vocab = vocab;
        _merges = merges;
    }

    /// <summary>Appends the ids of <paramref name="word"/> (byte-mapped characters) to <paramref name="output"/>.</summary>
    public void Encode(string word, List<int> output)
    {
        if (!_cache.TryGetValue(word, out var ids))
        {
            ids = Merge(word);
            if (_cache.Count >= MaxCachedWords) _cache.Clear();
            _cache[word] = ids;
        }
        output.AddRange(ids);
    }

    private int[] Merge(string word)
    {
        var symbols = new List<int>(word.Length);
        foreach (var character in word)
        {
            if (!_vocab.TryGetValue(character.ToString(), out var id))
                throw new InvalidOperationException($"byte-level character '{character}' is missing from the vocabulary");
            symbols.Add(id);
        }

        while (symbols.Count > 1)
        {
            var bestRank = int.MaxValue;
            var best = (Left: -1, Right: -1, Merged: -1);
            for (var i = 0; i + 1 < symbols.Count; i++)
            {
                if (_merges.TryGetValue((symbols[i], symbols[i + 1]), out var merge) && merge.Rank < bestRank)
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
        return symbols.ToArray();
    }
}
