using Puma.Cli.Evaluation;
using Puma.Cli.ModelFiles;
using Puma.Cli.Output;
using Puma.Cli.Parsing;
using Puma.Protocols.Runtime;

namespace Puma.Cli.Commands;

/// <summary>
/// <c>puma eval</c>: the quality cost of secure inference. Runs the plaintext reference and the
/// secure model on the same inputs and prints their perplexity (language models) or accuracy
/// and agreement (classifiers) side by side, with the cosine between their logits (for sentence
/// embeddings, the cosine between the embeddings only).
/// </summary>
internal static class EvalCommand
{
    private static readonly OptionSpec Model = new("model", $"GPT-2 or BERT classifier (Hugging Face) or LLaMA model directory, or '{EmbeddingEval.ModelName}' for the npm-installed sentence encoder", "DIR", "");
    internal static readonly OptionSpec Data = new("data", "language model: a .txt file or a folder of them; classifier: a .jsonl file of {\"text\", \"label\"}; use-lite: a .jsonl file of {\"text\"} or a text file, one sentence per line", "PATH", "");
    internal static readonly OptionSpec Windows = new("windows", $"consecutive {LanguageModelEval.WindowLength}-token windows per file", "K", "1");
    internal static readonly OptionSpec Limit = new("limit", "use only the first N files or examples (0: all)", "N", "0");
    private static readonly OptionSpec Tokenizer = new("tokenizer", "GPT-2, BERT: tokenizer.json; LLaMA: tokenizer.json, a GGUF file or a llama2.c tokenizer.bin (default: the one in the model directory)", "PATH", "");
    private static readonly OptionSpec PlaintextOnly = new("plaintext-only", "run only the plaintext reference");

    public static CommandSpec Spec { get; } = new(
        "eval",
        "compare secure and plaintext perplexity or accuracy on a data set",
        "Runs the plaintext double-precision reference and the secure model (three in-process parties, logits revealed to the client alone) on the same inputs. Language models: perplexity over the first K 128-token windows of each .txt file, every next token predicted from its prefix within the window. Classifiers: accuracy against the labels, and agreement between the two predictions. Both: the cosine between plaintext and secure logit rows. --model use-lite: the cosine between plaintext and secure sentence embeddings.",
        [Model, Data, Windows, Limit, Tokenizer, PlaintextOnly, SharedOptions.Json, .. SecureRun.Declared],
        Execute);

    private static int Execute(ParsedOptions options, TextWriter output, TextWriter error)
    {
        var directory = options.Text(Model.Name);
        if (directory.Length == 0) throw options.Invalid(Model.Name, "a model directory");
        var data = options.Text(Data.Name);
        if (data.Length == 0) throw options.Invalid(Data.Name, "a data file or folder");
        if (File.Exists(data) && File.ReadLines(data).All(string.IsNullOrWhiteSpace)) throw options.Invalid(Data.Name, "a file with at least one example (this one is empty)");
        var windows = options.Integer(Windows.Name, 1, 1 << 20);
        var limit = options.Integer(Limit.Name, 0, int.MaxValue);
        var tokenizer = options.OptionalFile(Tokenizer.Name);
        var plaintextOnly = options.Flag(PlaintextOnly.Name);
        var run = SecureRun.Read(options);
        int? cap = limit == 0 ? null : limit;

        var secure = plaintextOnly ? null : run.Options;
        using var progress = ProgressRenderer.For(error);
        var report = directory == EmbeddingEval.ModelName
            ? EmbeddingEval.Run(data, cap, secure, error, progress)
            : ModelKinds.Detect(directory) switch
            {
                ModelKind.Gpt2 => LanguageModelEval.Gpt2(directory, tokenizer, data, cap, windows, secure, progress),
                ModelKind.Bert => ClassifierEval.Run(directory, tokenizer, data, cap, secure, progress),
                _ => LanguageModelEval.Llama(directory, tokenizer, data, cap, windows, secure, progress),
            };
        if (options.Flag(SharedOptions.Json.Name)) Json.Write(output, [report]);
        else EvalTable.Write(report, output);
        run.SaveProfile(Console.Error);
        return PumaCommands.Success;
    }
}
