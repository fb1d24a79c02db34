using System.Globalization;
using Puma.Cli.Output;

namespace Puma.Cli.Classification;

/// <summary>Writes a <see cref="ClassifyReport"/> for a terminal: the label, then each class's probability, time and bytes.</summary>
internal static class ClassifyTable
{
    public static void Write(ClassifyReport report, TextWriter output)
    {
        output.WriteLine(report.LabelSecure is null ? $"{report.Label} (plaintext)" : report.Label);
        output.WriteLine();
        var table = new Table("class", ">plaintext", ">secure");
        for (var i = 0; i < report.Labels.Count; i++)
            table.Add(report.Labels[i], Probability(report.ProbabilitiesPlaintext[i]), report.ProbabilitiesSecure is { } secure ? Probability(secure[i]) : "-");
        table.Add("time", Units.Seconds(report.SecondsPlaintext), report.SecondsSecure is { } seconds ? Units.Seconds(seconds) : "-");
        table.Add("bytes sent by party 0", "", report.BytesSecure is { } bytes ? $"{Units.Si(bytes)}B" : "-");
        table.Write(output);
    }

    private static string Probability(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
