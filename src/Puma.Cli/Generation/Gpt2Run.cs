using Puma.Cli.Commands;
using Puma.Cli.Evaluation;
using Puma.Cli.ModelFiles;
using Puma.Cli.Output;
using Puma.Cli.Parsing;

namespace Puma.Cli.Generation;

/// <summary>
/// <c>puma run</c> on a GPT-2 folder: greedy generation with the secure GPT-2 (the client sees
/// only each chosen token) or the plaintext reference, streaming text as tokens arrive.
/// </summary>
internal static class Gpt2Run
{
    private const string EndOfText = "<|endoftext|>";

    public static int Execute(Gpt2Directory model, RunRequest request, ParsedOptions options, TextWriter output)
    {
        var (prompt, count, plaintext, json, secure) = request;
        var promptIds = PromptIds(model, prompt, options);
        var stream = new TokenTextStream(model.Tokenizer, output);
        void OnToken(int token)
        {
            if (!json) stream.Write(token);
        }

        if (!json) output.Write(prompt);
        var generated = plaintext
            ? Gpt2Greedy.Generate(model.Weights, promptIds, count, OnToken)
            : SecureBackends.Gpt2Generate(model.Weights, promptIds, count, secure, OnToken);
        if (json)
        {
            var text = model.Tokenizer.Decode(generated.Ids);
            Json.Write(output, [new RunReport(prompt, promptIds, generated.Ids, text, plaintext, generated.Milliseconds)]);
        }
        else
        {
            stream.Flush();
            output.WriteLine();
        }
        return PumaCommands.Success;
    }

    /// <summary>The prompt's tokens; an empty prompt starts from &lt;|endoftext|&gt;, as GPT-2's unconditional samples do.</summary>
    private static int[] PromptIds(Gpt2Directory model, string prompt, ParsedOptions options)
    {
        var ids = model.Tokenizer.Encode(prompt);
        if (ids.Length == 0)
            ids = model.Tokenizer.TokenId(EndOfText) is { } start ? [start] : throw options.Invalid("prompt", "a non-empty prompt");
        var context = model.Weights.Config.ContextLength;
        return ids.Length <= context ? ids : throw RunCommand.PromptTooLong(options, context, ids.Length);
    }
}
