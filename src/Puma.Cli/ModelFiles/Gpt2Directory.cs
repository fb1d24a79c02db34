using Puma.Models.Progress;
using Puma.Models.Reference;
using Puma.Models.Tokenizers;

namespace Puma.Cli.ModelFiles;

/// <summary>A Hugging Face GPT-2 folder: config.json, model.safetensors and tokenizer.json.</summary>
internal sealed record Gpt2Directory(Gpt2Weights Weights, ByteLevelBpeTokenizer Tokenizer)
{
    /// <param name="tokenizerPath">A tokenizer.json to use instead of the directory's own.</param>
    public static Gpt2Directory Load(string directory, string? tokenizerPath = null, IProgress<ProgressStep>? progress = null)
    {
        var (tokenizer, path) = TokenizerFiles.ByteLevelBpe(directory, tokenizerPath);
        var weights = Gpt2Weights.Load(directory, progress);
        TokenizerFiles.CheckFits(path, tokenizer.VocabSize, directory, weights.Config.VocabSize);
        return new(weights, tokenizer);
    }
}
