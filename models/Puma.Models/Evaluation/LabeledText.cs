namespace Puma.Models.Evaluation;

/// <summary>One classification example: its text and the index of its true class.</summary>
public sealed record LabeledText(string Text, int Label);
