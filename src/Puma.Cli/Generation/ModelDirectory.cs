using Puma.Cli.ModelFiles;
using Puma.Models.Llama2c;
using Puma.Models.Reference;
using Puma.Models.Tokenizers;

namespace Puma.Cli.Generation;

/// <summary>
/// A LLaMA model on disk: a Hugging Face directory (config.json + safetensors) or a llama2.c
/// directory (a checkpoint .bin), with a tokenizer (tokenizer.json, or llama2.c's tokenizer.bin
/// or tok*.bin) in the directory unless a path is given.
/// </summary>
internal sealed class ModelDirectory : IDisposable
{
    private readonly IDisposable _owner;

    private ModelDirectory(LlamaWeights weights, IDisposable owner, SentencePieceTokenizer tokenizer)
    {
        Weights = weights;
        _owner = owner;
        Tokenizer = tokenizer;
    }

    public LlamaWeights Weights { get; }

    public SentencePieceTokenizer Tokenizer { get; }

    /// <exception cref="FileNotFoundException">The directory lacks a checkpoint or a tokenizer.</exception>
    public static ModelDirectory Open(string directory, string? tokenizerPath)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Model directory '{directory}' does not exist.");
        var binaries = Directory.GetFiles(directory, "*.bin").Order(StringComparer.Ordinal).ToArray();
        var tokenizers = binaries.Where(IsTokenizerName).ToArray();
        var path = SentencePieceFiles.Find(directory, tokenizerPath, tokenizers);
        var tokenizer = SentencePieceFiles.Load(path);
        if (File.Exists(Path.Combine(directory, "config.json")))
        {
            var huggingFace = LlamaHuggingFaceCheckpoint.Open(directory);
            return Checked(new ModelDirectory(huggingFace, huggingFace, tokenizer), path, directory);
        }
        var checkpointPath = binaries.Except(tokenizers).FirstOrDefault()
            ?? throw new FileNotFoundException($"No llama2.c checkpoint (*.bin) or config.json in '{directory}'.");
        var checkpoint = Llama2cCheckpoint.Open(checkpointPath);
        return Checked(new ModelDirectory(checkpoint, checkpoint, tokenizer), path, directory);
    }

    /// <summary>The model, once its tokenizer is known to fit; disposed (its file closed) when it does not.</summary>
    private static ModelDirectory Checked(ModelDirectory model, string tokenizerPath, string directory)
    {
        try
        {
            TokenizerFiles.CheckFits(tokenizerPath, model.Tokenizer.VocabSize, directory, model.Weights.Config.VocabSize);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public void Dispose() => _owner.Dispose();

    /// <summary>
    /// The tokenizer to use: the one given (by extension: a Hugging Face tokenizer.json, a GGUF
    /// file's vocabulary, else a llama2.c .bin), else the directory's tokenizer.json, else its
    /// llama2.c tokenizer.bin or tok*.bin.
    /// </summary>
    /// <exception cref="FileNotFoundException">None was given and the directory has none.</exception>
    public static SentencePieceTokenizer LoadTokenizer(string directory, string? tokenizerPath, IReadOnlyList<string> llama2cTokenizers)
        => SentencePieceFiles.Load(SentencePieceFiles.Find(directory, tokenizerPath, llama2cTokenizers));

    /// <summary>Whether a *.bin of a llama2.c folder is its tokenizer (tokenizer.bin or tok*.bin) rather than the checkpoint.</summary>
    public static bool IsTokenizerName(string path)
    {
        var name = Path.GetFileName(path);
        return name == "tokenizer.bin" || name.StartsWith("tok", StringComparison.Ordinal);
    }
}
