using System.Collections.Concurrent;

namespace Puma.Models.Tokenizers;

/// <summary>
/// The WordPiece model: each word is cut greedily into the longest vocabulary piece from its
/// start, then the longest continuation piece (spelled with the prefix, e.g. <c>##ing</c>) from
/// where that one ended, and so on; a word with an uncuttable rest, or longer than the maximum
/// number of characters (code points), is the unknown token as a whole.
/// </summary>
internal sealed class WordPieceModel
{
    /// <summary>Results are cached per word; the cache is dropped when it grows past this.</summary>
    private const int MaxCachedWords = 200_000;

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _starts;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _continuations;
    private readonly int _longestStart, _longestContinuation;
    private readonly int _unknownId;
    private readonly int _maxCharacters;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);

    /// <param name="vocab">Every piece that may match, continuation pieces with their prefix.</param>
    public WordPieceModel(IReadOnlyDictionary<string, int> vocab, string continuationPrefix, int unknownId, int maxCharacters)
    {
        var starts = new Dictionary<string, int>(StringComparer.Ordinal);
        var continuations = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (piece, id) in vocab)
        {
            starts[piece] = id;
            if (piece.StartsWith(continuationPrefix, StringComparison.Ordinal)) continuations[piece[continuationPrefix.Length..]] = id;
        }
        _starts = starts.GetAlternateLookup<ReadOnlySpan<char>>();
        _continuations = continuations.GetAlternateLookup<ReadOnlySpan<char>>();
        _longestStart = starts.Keys.Max(piece => (int?)piece.Length) ?? 0;
        _longestContinuation = continuations.Keys.Max(piece => (int?)piece.Length) ?? 0;
        _unknownId = unknownId;
        _maxCharacters = maxCharacters;
    }

    /// <summary>Appends the ids of <paramref name="word"/> to <paramref name="output"/>.</summary>
    public void Encode(string word, List<int> output)
    {
        if (!_cache.TryGetValue(word, out var ids))
        {
            ids = Cut(word);
            if (_cache.Count >= MaxCachedWords) _cache.Clear();
            _cache[word] = ids;
        }
        output.AddRange(ids);
    }

    private int[] Cut(string word)
    {
        if (word.EnumerateRunes().Count() > _maxCharacters) return [_unknownId];
        var pieces = new List<int>();
        for (var start = 0; start < word.Length;)
        {
            var (lookup, longest) = start == 0 ? (_starts, _longestStart) : (_continuations, _longestContinuation);
            var found = false;
            // Pieces longer than the longest in the vocabulary cannot match, so the search starts there.
            for (var end = Math.Min(word.Length, start + longest); end > start; end--)
            {
                if (char.IsHighSurrogate(word[end - 1]) && end < word.Length && char.IsLowSurrogate(word[end])) continue;
                if (!lookup.TryGetValue(word.AsSpan(start, end - start), out var id)) continue;
                pieces.Add(id);
                start = end;
                found = true;
                break;
            }
            if (!found) return [_unknownId];
        }
        return [.. pieces];
    }
}
