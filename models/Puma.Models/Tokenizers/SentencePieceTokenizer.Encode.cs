using System.Text;

namespace Puma.Models.Tokenizers;

public sealed partial class SentencePieceTokenizer
{
    /// <summary>
    /// Token ids of <paramref name="text"/> as llama2.c's <c>encode</c> produces them: optional
    /// BOS, a dummy-prefix space (for non-empty text), each UTF-8 character looked up whole (or
    /// as byte-fallback ids 3 + byte when it is not a piece), then repeatedly the adjacent pair
    /// whose concatenation is a piece with the highest score (leftmost on ties) is merged.
    /// </summary>
    public int[] Encode(string text, bool addBos = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<int>();
        if (addBos) tokens.Add(BosId);
        if (text.Length > 0)
        {
            var utf8 = Encoding.UTF8.GetBytes(" " + text);
            AppendCharacters(tokens, utf8);
            MergePairs(tokens, firstMergeable: addBos ? 1 : 0);
        }
        return [.. tokens];
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

    private void MergePairs(List<int> tokens, int firstMergeable)
    {
        while (true)
        {
            var bestScore = float.NegativeInfinity;
            var bestIndex = -1;
            var bestId = -1;
            for (var i = firstMergeable; i + 1 < tokens.Count; i++)
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
