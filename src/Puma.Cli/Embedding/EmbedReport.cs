namespace Puma.Cli.Embedding;

/// <summary>What <c>puma embed --json</c> prints for each text.</summary>
internal sealed record EmbedReport(string Text, int[] Ids, double[] Embedding);
