using System.Collections.Concurrent;

namespace Puma.Models.Tokenizers;

/// <summary>
/// The BPE model proper: a vocabulary of byte-mapped strings and ranked merges. A word (one
/// pre-tokenized piece, already byte-mapped) starts as single characters, then is merged by
/// <see cref="BpeRankedMerges"/>.
/// </summary>
internal sealed class ByteLevelBpeModel
{
    /// <summary>Results are cached per word; the cache is dropped when it grows past this.</summary>
    private const int MaxCachedWords = 200_000;

    private readonly Dictionary<string, int> _vocab;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _vocabBySpan;
    private readonly Dictionary<(int Left, int Right), (int Rank, int Merged)> _merges;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private readonly bool _ignoreMerges;

    /// <param name="ignoreMerges">A word that is itself a token stays whole (HF <c>ignore_merges</c>, LLaMA-3).</param>
    public ByteLevelBpeModel(Dictionary<string, int> vocab, Dictionary<(int Left, int Right), (int Rank, int Merged)> merges, bool ignoreMerges = false)
    {
        _vocab = vocab;
        _vocabBySpan = vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        _merges = merges;
        _ignoreMerges = ignoreMerges;
    }

    /// <summary>Appends the ids of <paramref name="word"/> (byte-mapped characters) to <paramref name="output"/>.</summary>
    public void Encode(string word, List<int> output)
    {
        if (_ignoreMerges && _vocab.TryGetValue(word, out var whole))
        {
            output.Add(whole);
            return;
        }
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
            if (!_vocabBySpan.TryGetValue(new ReadOnlySpan<char>(in character), out var id))
                throw new InvalidOperationException($"byte-level character '{character}' is missing from the vocabulary");
            symbols.Add(id);
        }
        return BpeRankedMerges.Apply(symbols, _merges).ToArray();
    }
}
