namespace Puma.Cli.Accuracy;

/// <summary>
/// One secure function's error against its plaintext reference on <see cref="Grid"/>.
/// <see cref="MaxRelError"/> counts only the points whose reference has magnitude at least
/// <see cref="RelErrorFloor"/>: below it a result has few ulp and the absolute error is the measure.
/// </summary>
internal sealed record AccuracyResult(string Name, double MaxAbsError, double MeanAbsError, double MaxRelError, double RelErrorFloor, AccuracyGrid Grid);
