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
        if (!_rules.SplitWords)
        {
            EncodeWord(utf8, tokens);
            return;
        }
        var start = 0;
        for (var end = 1; end <= utf8.Length; end++)
        {
            if (end < utf8.Length && utf8[end] != (byte)' ') continue;
            EncodeWord(utf8[start..end], tokens);
            start = end;
        }
    }

    private void EncodeWord(ReadOnlySpan<byte> utf8, List<int> tokens)
    {
        var symbols = new List<int>(utf8.Length);
        AppendCharacters(symbols, utf8);
        if (_rules.RankedMerges is { } merges)
            symbols = BpeRankedMerges.Apply(symbols, merges);
        else
            MergeByScore(symbols);
        tokens.AddRange(symbols);
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

    private void MergeByScore(List<int> tokens)
    {
        while (true)
        {
            var bestScore = float.NegativeInfinity;
            var bestIndex = -1;
            var bestId = -1;
            for (var i = 0; i + 1 < tokens.Count; i++)
            {
                var merged = Key(_pieces[tokens[i]]) + Key(_pieces[tokens[i + 1]]);
                if (_idsByPiece.TryGetValue(merged, out var id) && _scores[id] > bestScore)
                {
                    bestScore = _scores[id];
                    bestIndex = i;
                    bestId = id;
                }
            }
            if (bestIndex < 0) return;
            tokens[bestIndex] = bestId;
            tokens.RemoveAt(bestIndex + 1);
        }
    }
}
