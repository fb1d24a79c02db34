namespace Puma.Models.Tokenizers;

/// <summary>
/// Turns generated tokens into text as they arrive. A token may hold only part of a UTF-8
/// character (a byte-level or byte-fallback piece), so tokens whose text would end in a
/// replacement character are held back until the character completes (at most 4 bytes' worth)
/// and then given out together.
/// </summary>
public sealed class TokenTextDecoder
{
    private const int MaxHeldTokens = 4;
    private readonly Func<int[], int, string> _decode;
    private readonly List<int> _held = [];
    private int _previous;

    /// <param name="decode">The text of some ids, given the id before them (-1 for none).</param>
    /// <param name="previous">The id before the first generated one: the prompt's last, or -1.</param>
    private TokenTextDecoder(Func<int[], int, string> decode, int previous)
    {
        _decode = decode;
        _previous = previous;
    }

    public static TokenTextDecoder ByteLevel(ByteLevelBpeTokenizer tokenizer) => new((ids, _) => tokenizer.Decode(ids), -1);

    /// <param name="previous">The prompt's last id: a SentencePiece piece's leading space depends on the token before it.</param>
    public static TokenTextDecoder SentencePiece(SentencePieceTokenizer tokenizer, int previous) => new((ids, before) => tokenizer.Decode(ids, before), previous);

    /// <summary>The text <paramref name="token"/> completes: empty while it holds part of a character.</summary>
    public string Next(int token)
    {
        _held.Add(token);
        var text = _decode([.. _held], _previous);
        if (text.EndsWith('\uFFFD') && _held.Count < MaxHeldTokens) return "";
        return Release();
    }

    /// <summary>Whatever is held back, incomplete characters as U+FFFD.</summary>
    public string Flush() => _held.Count == 0 ? "" : Release();

    private string Release()
    {
        var text = _decode([.. _held], _previous);
        _previous = _held[^1];
        _held.Clear();
        return text;
    }
}
