using System.Text;

namespace Puma.Models.Tokenizers;

public sealed partial class SentencePieceTokenizer
{
    /// <summary>
    /// Token ids of <paramref name="text"/> as llama2.c's <c>encode</c> produces them: optional
    /// BOS, a dummy-prefix space (for non-empty text), each UTF-8 character looked up whole (or
    /// as byte-fallback ids 3 + byte when it is not a piece), then repeatedly the adjacent pair
    /// whose concatenation is a piece with the highest score (leftmost on ties) is merged.
    /// A tokenizer.json vocabulary first cuts its added tokens out of the text and merges by
    /// rank instead (see <see cref="SentencePieceRules"/>).
    /// </summary>
    public int[] Encode(string text, bool addBos = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<int>();
        if (addBos) tokens.Add(BosId);
        var position = 0;
        if (_addedPattern is not null)
        {
            for (var match = _addedPattern.Match(text); match.Success; match = match.NextMatch())
            {
                EncodeSegment(text[position..match.Index], atStart: position == 0, tokens);
                tokens.Add(_idsByPiece[Key(Encoding.UTF8.GetBytes(match.Value))]);
                position = match.Index + match.Length;
            }
        }
        EncodeSegment(text[position..], atStart: position == 0, tokens);
        return [.. tokens];
    }

    private void EncodeSegment(string segment, bool atStart, List<int> tokens)
    {
        if (segment.Length == 0) return;
        var prefix = (_rules.Prefix == SentencePiecePrefix.EverySegment || (_rules.Prefix == SentencePiecePrefix.FirstSegment && atStart))
            && !(_rules.PrefixUnlessSpace && segment[0] == ' ');
        ReadOnlySpan<byte> utf8 = Encoding.UTF8.GetBytes(prefix ? " " + segment : segment);
        if (!_rules.SplitWords && !_spaceStartsWords)
        {
            EncodeWord(utf8, tokens);
            return;
        }
        var start = 0;
        for (var end = 1; end <= utf8.Length; end++)
        {
            if (end < utf8.Length && utf8[end] != (byte)' ') continue;
            EncodeCachedWord(utf8[start..end], tokens);
            start = end;
        }
    }

    /// <summary>A word's ids, from the cache when it was seen before (the cache is dropped when it grows past its limit).</summary>
    private void EncodeCachedWord(ReadOnlySpan<byte> utf8, List<int> tokens)
    {
        var key = Key(utf8);
        if (!_wordCache.TryGetValue(key, out var ids))
        {
            var word = new List<int>();
            EncodeWord(utf8, word);
            ids = [.. word];
            if (_wordCache.Count >= MaxCachedWords) _wordCache.Clear();
            _wordCache[key] = ids;
        }
        tokens.AddRange(ids);
    }

    private void EncodeWord(ReadOnlySpan<byte> utf8, List<int> tokens)
    {
        var symbols = new List<int>(utf8.Length);
        AppendCharacters(symbols, utf8);
        tokens.AddRange(_rules.RankedMerges is { } merges ? BpeRankedMerges.Apply(symbols, merges) : MergeByScore(symbols));
    }

    /// <summary>One token per UTF-8 character (at most 4 bytes), or one per byte when it is not a piece.</summary>
    private void AppendCharacters(List<int> tokens, ReadOnlySpan<byte> utf8)
    {
        var start = 0;
        while (start < utf8.Length)
        {
            var end = start + 1;
            while (end < utf8.Length && end - start < 4 && (utf8[end] & 0xC0) == 0x80) end++;
            var character = utf8[start..end];
            if (_idsByPiece.TryGetValue(Key(character), out var id))
                tokens.Add(id);
            else
                foreach (var b in character) tokens.Add(ByteFallbackOffset + b);
            start = end;
        }
    }

    /// <summary>
    /// llama2c's merge loop: the adjacent pair whose concatenation is a piece with the highest
    /// score merges first, the leftmost on equal scores, one pair at a time. Pairs wait in a
    /// priority queue (O(n log n), where rescanning after each merge was quadratic); entries whose
    /// symbols have since merged are skipped when they come out.
    /// </summary>
    private List<int> MergeByScore(List<int> tokens)
    {
        if (tokens.Count < 2) return tokens;
        var chain = new SymbolChain(tokens);
        var queue = new PriorityQueue<(int Position, int Left, int Right, int Merged), (float Score, int Position)>(HigherScoreThenLeftmost.Instance);
        void Enqueue(int left)
        {
            var right = left < 0 ? -1 : chain.Next(left);
            if (right >= 0 && MergedPiece(chain.Id(left), chain.Id(right)) is var id and >= 0)
                queue.Enqueue((left, chain.Id(left), chain.Id(right), id), (_scores[id], left));
        }
        for (var position = 0; position + 1 < chain.Count; position++) Enqueue(position);
        while (queue.TryDequeue(out var pair, out _))
        {
            if (!chain.HasPair(pair.Position, pair.Left, pair.Right)) continue;
            chain.Merge(pair.Position, pair.Merged);
            Enqueue(chain.Previous(pair.Position));
            Enqueue(pair.Position);
        }
        return chain.ToList();
    }

    /// <summary>
    /// The piece two adjacent pieces merge into, or -1: none, or one scoring -inf or NaN, which
    /// never wins the comparison that picks the best merge. Cached per pair, as the same pairs
    /// recur throughout a text.
    /// </summary>
    private int MergedPiece(int left, int right)
    {
        if (_scoreMerges.TryGetValue((left, right), out var merged)) return merged;
        merged = _idsByPiece.TryGetValue(_keys[left] + _keys[right], out var id) && _scores[id] > float.NegativeInfinity ? id : -1;
        if (_scoreMerges.Count >= MaxCachedPairs) _scoreMerges.Clear();
        _scoreMerges[(left, right)] = merged;
        return merged;
    }

    /// <summary>Queue order of score merges: higher score first, then the leftmost position.</summary>
    private sealed class HigherScoreThenLeftmost : IComparer<(float Score, int Position)>
    {
        public static HigherScoreThenLeftmost Instance { get; } = new();

        public int Compare((float Score, int Position) x, (float Score, int Position) y) =>
            x.Score > y.Score ? -1 : x.Score < y.Score ? 1 : x.Position.CompareTo(y.Position);
    }
}
