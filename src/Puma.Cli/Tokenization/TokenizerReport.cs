namespace Puma.Cli.Tokenization;

/// <summary>What <c>puma tokenize --json</c> prints for each text: its ids and their tokens.</summary>
internal sealed record TokenizerReport(string Text, int[] Ids, string[] Tokens);
