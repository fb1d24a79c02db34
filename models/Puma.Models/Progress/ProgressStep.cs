namespace Puma.Models.Progress;

/// <summary>One report of a long step: <see cref="Done"/> of <see cref="Total"/> units of <see cref="Stage"/> (bytes, tensors, examples).</summary>
public readonly record struct ProgressStep(string Stage, long Done, long Total);
