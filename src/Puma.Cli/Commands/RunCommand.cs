using System.Diagnostics;
using Puma.Cli.Generation;
using Puma.Cli.ModelFiles;
using Puma.Cli.Output;
using Puma.Cli.Parsing;
using Puma.Models.Progress;
using Puma.Models.Reference;
using Puma.Models.Secure;
using Puma.Protocols.Runtime;

namespace Puma.Cli.Commands;

/// <summary><c>puma run</c>: greedy text generation with the secure LLaMA or GPT-2 (or the plaintext reference).</summary>
internal static class RunCommand
{
    private static readonly OptionSpec Model = new("model", "model directory: llama2.c (*.bin + tokenizer), Hugging Face LLaMA (config.json + safetensors) or GPT-2 (+ tokenizer.json)", "DIR", "");
    private static readonly OptionSpec Prompt = new("prompt", "text to continue", "TEXT", "");
    private static readonly OptionSpec Tokenizer = new("tokenizer", "LLaMA: tokenizer.json, a GGUF file or a llama2.c tokenizer.bin; GPT-2: tokenizer.json (default: the one in the model directory)", "PATH", "");
    private static readonly OptionSpec MaxTokens = new("max-tokens", "tokens to generate", "N", "32");
    private static readonly OptionSpec Plaintext = new("plaintext", "run the plaintext double-precision reference instead of the secure model");
    private static readonly OptionSpec JsonReport = new("json", "print prompt_ids, generated_ids and text as JSON instead of streaming text");

    public static CommandSpec Spec { get; } = new(
        "run",
        "generate text with a LLaMA or GPT-2 model on secret shares",
        "Party 0 shares the model, the client shares its prompt as one-hot rows, three in-process parties run the LLaMA or GPT-2 forward on shares and reveal only each greedy token, to the client alone; tokens are printed as they arrive.",
        [Model, Prompt, Tokenizer, MaxTokens, Plaintext, JsonReport, .. SecureRun.Declared],
        Execute);

    private static int Execute(ParsedOptions options, TextWriter output, TextWriter error)
    {
        var directory = options.Text(Model.Name);
        if (directory.Length == 0) throw options.Invalid(Model.Name, "a model directory");
        var tokenizer = options.OptionalFile(Tokenizer.Name);
        var run = SecureRun.Read(options);
        var request = new RunRequest(
            options.NonEmptyText(Prompt.Name),
            options.Integer(MaxTokens.Name, 0, 1 << 16),
            options.Flag(Plaintext.Name),
            options.Flag(JsonReport.Name),
            run.Options);
        using var progress = ProgressRenderer.For(error);
        int exitCode = ModelKinds.Detect(directory) switch
        {
            ModelKind.Gpt2 => Gpt2Run.Execute(Gpt2Directory.Load(directory, tokenizer, progress), request, options, output, error, progress),
            ModelKind.Bert => throw options.Invalid(Model.Name, "a LLaMA or GPT-2 directory (this one holds a BERT classifier: use 'puma classify')"),
            _ => RunLlama(options, directory, tokenizer, request, output, error, progress),
        };
        run.SaveProfile(Console.Error);
        return exitCode;
    }

    /// <summary>A prompt longer than the context, as a usage error on --prompt.</summary>
    public static UsageException PromptTooLong(ParsedOptions options, int context, int length)
        => options.Invalid(Prompt.Name, $"a prompt of at most {context} tokens (this one has {length})");

    private static int RunLlama(ParsedOptions options, string directory, string? tokenizerPath, RunRequest request, TextWriter output, TextWriter error, IProgress<ProgressStep> progress)
    {
        var (prompt, count, plaintext, json, secure) = request;
        using var model = ModelDirectory.Open(directory, tokenizerPath);
        var promptIds = model.Tokenizer.Encode(prompt);
        if (promptIds.Length > model.Weights.Config.MaxSequenceLength)
            throw PromptTooLong(options, model.Weights.Config.MaxSequenceLength, promptIds.Length);
        var previous = promptIds[^1];
        var echo = new DeferredPrompt(output, model.Tokenizer.Decode(promptIds), silent: json);
        void Stream(int token)
        {
            if (json) return;
            echo.Show();
            output.Write(model.Tokenizer.Decode([token], previous));
            output.Flush();
            previous = token;
        }

        (int[] Ids, double[] Milliseconds) generated = plaintext
            ? Plain(model.Weights, promptIds, count, Stream)
            : Secure(model.Weights, promptIds, count, secure, Stream, progress);
        echo.Show();
        ContextLimit.ReportIfReached(error, count, generated.Ids.Length, promptIds.Length, model.Weights.Config.MaxSequenceLength);
        if (json)
        {
            var text = model.Tokenizer.Decode(generated.Ids, promptIds[^1]);
            Json.Write(output, [new RunReport(prompt, promptIds, generated.Ids, text, plaintext, generated.Milliseconds)]);
        }
        else
        {
            output.WriteLine();
        }
        return PumaCommands.Success;
    }

    private static (int[], double[]) Secure(LlamaWeights weights, int[] promptIds, int count, RunOptions options, Action<int> stream, IProgress<ProgressStep> progress)
    {
        var result = SecureLlama.Generate(weights, promptIds, count, options, stream, progress);
        return (result.GeneratedIds, [.. result.TokenTimes.Select(time => time.TotalMilliseconds)]);
    }

    /// <summary>The reference greedy loop of <see cref="LlamaGreedy.Generate"/>, streaming and timing each token.</summary>
    private static (int[], double[]) Plain(LlamaWeights weights, int[] promptIds, int count, Action<int> stream)
    {
        var model = new LlamaReference(weights);
        var ids = new List<int>(count);
        var times = new List<double>(count);
        var clock = Stopwatch.StartNew();
        var logits = count == 0 ? [] : model.Forward(promptIds);
        for (var step = 0; step < count; step++)
        {
            var token = LlamaGreedy.ArgMax(logits);
            times.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            ids.Add(token);
            stream(token);
            if (step + 1 == count || model.Position == weights.Config.MaxSequenceLength) break;
            logits = model.Forward(token);
        }
        return ([.. ids], [.. times]);
    }
}
