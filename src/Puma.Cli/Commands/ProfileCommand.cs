using Puma.Cli.Parsing;
using Puma.Cli.Profiling;
using Puma.Protocols.Profiling;

namespace Puma.Cli.Commands;

/// <summary><c>puma profile FILE.json</c>: the table of a <c>--profile</c> file, and its bar chart as FILE.svg.</summary>
internal static class ProfileCommand
{
    private static readonly ArgumentSpec File = new("FILE.json", "a profile written by --profile");

    public static CommandSpec Spec { get; } = new(
        "profile",
        "print a --profile file by operator and chart it as SVG",
        "Prints the operators of a profile written with --profile, slowest first, with each party's time, payload bytes sent and rounds, then each party's whole-run totals; writes a bar chart of the operators' times next to the file (FILE.svg).",
        [],
        Execute,
        [File]);

    private static int Execute(ParsedOptions options, TextWriter output, TextWriter error)
    {
        string path = options.Argument(File.Name);
        var profile = RunProfile.Load(path);
        ProfileTable.Write(profile, output);
        string chart = Path.ChangeExtension(path, ".svg");
        ProfileChart.Save(profile, chart);
        output.WriteLine();
        output.WriteLine($"chart: {chart}");
        return PumaCommands.Success;
    }
}
