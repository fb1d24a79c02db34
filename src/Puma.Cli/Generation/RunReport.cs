namespace Puma.Cli.Generation;

/// <summary>What <c>puma run --json</c> prints.</summary>
internal sealed record RunReport(string Prompt, int[] PromptIds, int[] GeneratedIds, string Text, bool Plaintext, double[] TokenMilliseconds);
