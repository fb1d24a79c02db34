using Puma.Cli.Generation;
using Puma.Cli.ModelFiles;
using Puma.Models.Bundles;
using Puma.Models.Tokenizers;

namespace Puma.Cli.Serving;

/// <summary>The tokenizer in a model's client folder, by family: the client tokenizes and detokenizes locally; the parties never see text.</summary>
internal sealed class ClientTokenizer
{
    private readonly ByteLevelBpeTokenizer? _byteLevel;
    private readonly SentencePieceTokenizer? _sentencePiece;

    private ClientTokenizer(ByteLevelBpeTokenizer? byteLevel, SentencePieceTokenizer? sentencePiece)
    {
        _byteLevel = byteLevel;
        _sentencePiece = sentencePiece;
    }

    public static ClientTokenizer Open(string folder, string family) => family == ModelFamilies.Llama
        ? new(null, ModelDirectory.LoadTokenizer(folder, null, [.. Directory.GetFiles(folder, "tok*.bin").Order(StringComparer.Ordinal)]))
        : new(TokenizerFiles.ByteLevelBpe(folder, null).Tokenizer, null);

    public int[] Encode(string text) => _byteLevel?.Encode(text) ?? _sentencePiece!.Encode(text);

    public string Decode(int[] ids, int previous) => _byteLevel?.Decode(ids) ?? _sentencePiece!.Decode(ids, previous);

    /// <summary>Writes generated tokens to <paramref name="output"/> as they arrive, after <paramref name="promptIds"/>.</summary>
    public Action<int> Stream(TextWriter output, int[] promptIds, out Action flush)
    {
        if (_byteLevel is not null)
        {
            var stream = new TokenTextStream(_byteLevel, output);
            flush = stream.Flush;
            return stream.Write;
        }
        var previous = promptIds[^1];
        flush = () => { };
        return token =>
        {
            output.Write(_sentencePiece!.Decode([token], previous));
            output.Flush();
            previous = token;
        };
    }
}
