using Puma.Cli.Generation;
using Puma.Cli.ModelFiles;
using Puma.Models.Evaluation;
using Puma.Models.Progress;
using Puma.Protocols.Runtime;

namespace Puma.Cli.Evaluation;

/// <summary>
/// Perplexity of a GPT-2 or LLaMA model over text documents: each document is tokenized whole,
/// cut into windows (<see cref="TokenWindows"/>), and the plaintext and secure models score the
/// very same windows.
/// </summary>
internal static class LanguageModelEval
{
    /// <summary>Tokens per window, or the model's context when that is shorter.</summary>
    public const int WindowLength = 128;

    /// <summary>Windows per model call: bounds the [length, vocab] logits held at once.</summary>
    public const int WindowsPerCall = 4;

    /// <param name="secure">How to run the parties; null for a plaintext-only run.</param>
    /// <param name="progress">Hears loading, dealing and the windows scored (stderr in the CLI, so JSON on stdout stays clean).</param>
    public static EvalReport Gpt2(string directory, string? tokenizerPath, string data, int? limit, int windowsPerFile, RunOptions? secure, IProgress<ProgressStep> progress)
    {
        var model = Gpt2Directory.Load(directory, tokenizerPath, progress);
        var documents = TextDocuments.List(data, limit);
        var length = Math.Min(WindowLength, model.Weights.Config.ContextLength);
        var windows = Windows(documents, text => model.Tokenizer.Tokenize(text), length, windowsPerFile);
        var secureModel = secure is null ? null : SecureBackends.Gpt2Logits(model.Weights, secure, progress);
        var result = PerplexityEvaluation.Run(windows, model.Weights.Config.VocabSize, new PlainGpt2Logits(model.Weights), secureModel, WindowsPerCall, progress);
        return EvalReport.From(directory, "gpt2", data, documents.Count, result);
    }

    /// <summary>Perplexity of a LLaMA model; each document is encoded with its leading BOS.</summary>
    /// <param name="secure">How to run the parties; null for a plaintext-only run.</param>
    /// <param name="progress">Hears loading, dealing and the windows scored (stderr in the CLI, so JSON on stdout stays clean).</param>
    public static EvalReport Llama(string directory, string? tokenizerPath, string data, int? limit, int windowsPerFile, RunOptions? secure, IProgress<ProgressStep> progress)
    {
        using var model = ModelDirectory.Open(directory, tokenizerPath);
        var documents = TextDocuments.List(data, limit);
        var length = Math.Min(WindowLength, model.Weights.Config.MaxSequenceLength);
        var windows = Windows(documents, text => model.Tokenizer.Encode(text), length, windowsPerFile);
        var secureModel = secure is null ? null : SecureBackends.LlamaLogits(model.Weights, secure, progress);
        var result = PerplexityEvaluation.Run(windows, model.Weights.Config.VocabSize, new PlainLlamaLogits(model.Weights), secureModel, WindowsPerCall, progress);
        return EvalReport.From(directory, "llama", data, documents.Count, result);
    }

    /// <summary>The first <paramref name="perDocument"/> windows of each document, tokenized whole.</summary>
    public static IReadOnlyList<int[]> Windows(IReadOnlyList<string> documents, Func<string, int[]> tokenize, int length, int perDocument)
    {
        var windows = documents.SelectMany(path => TokenWindows.Split(tokenize(File.ReadAllText(path)), length, perDocument)).ToArray();
        return windows.Length > 0 ? windows : throw new DatasetException(documents[0], null, "no document has the 2 tokens a prediction needs");
    }
}
