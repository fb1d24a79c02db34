namespace Puma.Cli.Accuracy;

/// <summary>
/// Where a function was evaluated: <see cref="Points"/> inputs from <see cref="From"/> to
/// <see cref="To"/>, laid out as <see cref="Spacing"/> says (e.g. "step 2^-8", "log2",
/// "uniform random, rows of 128").
/// </summary>
internal sealed record AccuracyGrid(double From, double To, int Points, string Spacing);
