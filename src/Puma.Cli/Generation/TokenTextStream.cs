using Puma.Models.Tokenizers;

namespace Puma.Cli.Generation;

/// <summary>
/// Turns byte-level BPE tokens into text as they arrive. A token may hold only part of a UTF-8
/// character, so tokens whose text would end in a replacement character are held back until
/// the character completes (at most 4 bytes' worth), then written together.
/// </summary>
internal sealed class TokenTextStream(ByteLevelBpeTokenizer tokenizer, TextWriter output)
{
    private const int MaxHeldTokens = 4;
    private readonly List<int> _held = [];

    public void Write(int token)
    {
        _held.Add(token);
        var text = tokenizer.Decode(_held.ToArray());
        if (text.EndsWith('\uFFFD') && _held.Count < MaxHeldTokens) return;
        _held.Clear();
        output.Write(text);
        output.Flush();
    }

    /// <summary>Writes whatever is held back, incomplete characters as U+FFFD.</summary>
    public void Flush()
    {
        if (_held.Count == 0) return;
        output.Write(tokenizer.Decode(_held.ToArray()));
        _held.Clear();
    }
}
