using Puma.Cli.Commands;
using Puma.Cli.Evaluation;
using Puma.Cli.ModelFiles;
using Puma.Cli.Output;
using Puma.Cli.Parsing;
using Puma.Models.Progress;
using Puma.Models.Tokenizers;

namespace Puma.Cli.Generation;

/// <summary>
/// <c>puma run</c> on a GPT-2 folder: greedy generation with the secure GPT-2 (the client sees
/// only each chosen token) or the plaintext reference, streaming text as tokens arrive.
/// </summary>
internal static class Gpt2Run
{
    public static int Execute(Gpt2Directory model, RunRequest request, ParsedOptions options, TextWriter output, TextWriter error, IProgress<ProgressStep> progress)
    {
        var (prompt, count, plaintext, json, secure) = request;
        var promptIds = PromptIds(model, prompt, options);
        var stream = TokenTextDecoder.ByteLevel(model.Tokenizer);
        var echo = new DeferredPrompt(output, prompt, silent: json);
        void OnToken(int token)
        {
            if (json) return;
            echo.Show();
            output.Write(stream.Next(token));
            output.Flush();
        }

        var generated = plaintext
            ? Gpt2Greedy.Generate(model.Weights, promptIds, count, OnToken)
            : SecureBackends.Gpt2Generate(model.Weights, promptIds, count, secure, OnToken, progress);
        echo.Show();
        ContextLimit.ReportIfReached(error, count, generated.Ids.Length, promptIds.Length, model.Weights.Config.ContextLength);
        if (json)
        {
            var text = model.Tokenizer.Decode(generated.Ids);
            Json.Write(output, [new RunReport(prompt, promptIds, generated.Ids, text, plaintext, generated.Milliseconds)]);
        }
        else
        {
            output.WriteLine(stream.Flush());
        }
        return PumaCommands.Success;
    }

    /// <summary>The prompt's tokens (the prompt is not blank: <see cref="ParsedOptions.NonEmptyText"/>), at most the context.</summary>
    private static int[] PromptIds(Gpt2Directory model, string prompt, ParsedOptions options)
    {
        var ids = model.Tokenizer.Encode(prompt);
        var context = model.Weights.Config.ContextLength;
        return ids.Length <= context ? ids : throw RunCommand.PromptTooLong(options, context, ids.Length);
    }
}
