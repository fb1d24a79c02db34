using Puma.Cli.Accuracy;
using Puma.Cli.Output;
using Puma.Cli.Parsing;

namespace Puma.Cli.Commands;

/// <summary><c>puma bench accuracy</c>: each secure non-linear function against its plaintext reference.</summary>
internal static class BenchAccuracyCommand
{
    public static CommandSpec Spec { get; } = new(
        "bench accuracy",
        "error of each secure non-linear function against its plaintext reference",
        "Runs each secure non-linear function at three in-process parties on a grid of inputs (f = 18) and compares the opened result with the double-precision reference: maximum and mean absolute error, and maximum relative error where the reference is at least the listed floor.",
        [SharedOptions.Json],
        Execute);

    private static int Execute(ParsedOptions options, TextWriter output, TextWriter error)
    {
        var results = AccuracyBenchmark.Run(AccuracyCases.All());
        if (options.Flag(SharedOptions.Json.Name))
        {
            Json.Write(output, results);
            return 0;
        }
        output.WriteLine("Accuracy at three in-process parties, f = 18; relative error where |reference| >= floor.");
        var table = new Table("function", ">max abs err", ">mean abs err", ">max rel err", ">floor", "grid");
        foreach (var r in results)
        {
            table.Add(r.Name, Scientific(r.MaxAbsError), Scientific(r.MeanAbsError), Scientific(r.MaxRelError), r.RelErrorFloor.ToString("G4", System.Globalization.CultureInfo.InvariantCulture),
                FormattableString.Invariant($"[{r.Grid.From:G4}, {r.Grid.To:G4}], {r.Grid.Points} points, {r.Grid.Spacing}"));
        }
        table.Write(output);
        return 0;
    }

    private static string Scientific(double value) => value.ToString("0.00e+0", System.Globalization.CultureInfo.InvariantCulture);
}
