namespace Puma.Cli.Generation;

/// <summary>
/// Generation stops early only when the model's context is full; the user asked for more
/// tokens, so <c>run</c> says why fewer came (on stderr, so streamed or JSON output stays clean).
/// </summary>
internal static class ContextLimit
{
    public static void ReportIfReached(TextWriter error, int requested, int generated, int promptTokens, int context)
    {
        if (generated >= requested) return;
        error.WriteLine($"run: stopped after {generated} of {requested} tokens: the model's context length is {context} tokens and the prompt has {promptTokens}.");
    }
}
