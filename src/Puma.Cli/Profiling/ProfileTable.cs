using System.Globalization;
using Puma.Cli.Output;
using Puma.Protocols.Profiling;

namespace Puma.Cli.Profiling;

/// <summary>Prints a <see cref="RunProfile"/>: one row per operator, slowest first, with time, bytes sent and rounds per party, then each party's whole-run totals.</summary>
internal static class ProfileTable
{
    public static void Write(RunProfile profile, TextWriter output)
    {
        output.WriteLine($"{profile.Command} over {profile.Transport}{(profile.Network is { } network ? $", emulating {network}" : "")}");
        if (profile.Parties.Count == 0)
        {
            output.WriteLine("No party was recorded (the run had no secure part).");
            return;
        }
        output.WriteLine("Operators slowest first; scopes are inclusive (an operator's figures contain those it calls), so they do not add up to the totals.");
        output.WriteLine();
        var headers = new List<string> { "operator", ">calls" };
        foreach (var party in profile.Parties)
            headers.AddRange([$">P{party.Party} time", $">P{party.Party} sent", $">P{party.Party} rounds"]);
        var table = new Table([.. headers]);
        foreach (var row in ProfileRows.SortedByTime(profile))
        {
            var cells = new List<string> { row.Name, Count(row.PerParty.Max(o => o?.Calls ?? 0)) };
            foreach (var figures in row.PerParty)
                cells.AddRange(figures is null ? ["-", "-", "-"] : [Units.Seconds(figures.Seconds), Bytes(figures.BytesSent), Count(figures.Rounds)]);
            table.Add([.. cells]);
        }
        var totals = new List<string> { "total (whole run)", "" };
        foreach (var party in profile.Parties)
            totals.AddRange([Units.Seconds(party.Seconds), Bytes(party.BytesSent), Count(party.Rounds)]);
        table.Add([.. totals]);
        table.Write(output);
    }

    /// <summary>E.g. 512 → "512 B", 2.31e9 → "2.31 GB".</summary>
    public static string Bytes(long bytes) => bytes < 1000 ? $"{Count(bytes)} B" : $"{Units.Si(bytes)}B";

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
