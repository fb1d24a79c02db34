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
    private readonly ITypedTokenizer? _typed;

    private ClientTokenizer(ByteLevelBpeTokenizer? byteLevel, SentencePieceTokenizer? sentencePiece, ITypedTokenizer? typed)
    {
        _byteLevel = byteLevel;
        _sentencePiece = sentencePiece;
        _typed = typed;
    }

    public static ClientTokenizer Open(string folder, string family) => family switch
    {
        ModelFamilies.Llama => new(null, ModelDirectory.LoadTokenizer(folder, null, [.. Directory.GetFiles(folder, "tok*.bin").Order(StringComparer.Ordinal)]), null),
        ModelFamilies.Bert => new(null, null, TokenizerFiles.Bert(folder, null).Tokenizer),
        _ => new(TokenizerFiles.ByteLevelBpe(folder, null).Tokenizer, null, null),
    };

    /// <summary>A classifier's input: ids and type ids by its template.</summary>
    public EncodedText EncodeWithTypes(string text) => _typed?.EncodeWithTypes(text) ?? throw new InvalidOperationException("This model's tokenizer gives no type ids.");

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
