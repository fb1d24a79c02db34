using System.Globalization;
using Puma.Cli.Output;

namespace Puma.Cli.Evaluation;

/// <summary>Writes an <see cref="EvalReport"/> for a terminal: a summary line, then metric | plaintext | secure.</summary>
internal static class EvalTable
{
    public static void Write(EvalReport report, TextWriter output)
    {
        var scope = report.Windows is { } windows
            ? $"{Count(report.N, "file")}, {Count(windows, "window")}, {Count(report.Tokens ?? 0, "predicted token")}"
            : Count(report.N, report.Kind == "use-lite" ? "sentence" : "example");
        output.WriteLine($"{report.Kind} model '{report.Model}' on '{report.Data}': {scope}");
        output.WriteLine();

        var table = new Table("metric", ">plaintext", ">secure");
        if (report.PerplexityPlaintext is not null || report.PerplexitySecure is not null) table.Add("perplexity", Fixed(report.PerplexityPlaintext, 3), Fixed(report.PerplexitySecure, 3));
        if (report.AccuracyPlaintext is not null || report.AccuracySecure is not null) table.Add("accuracy", Percent(report.AccuracyPlaintext), Percent(report.AccuracySecure));
        if (report.Agreement is { } agreement) table.Add("agreement with plaintext", "", Percent(agreement));
        var compared = report.Kind == "use-lite" ? "embedding" : "logit";
        if (report.CosineMin is { } cosineMin) table.Add($"{compared} cosine, min", "", Fixed(cosineMin, 6));
        if (report.CosineMean is { } cosineMean) table.Add($"{compared} cosine, mean", "", Fixed(cosineMean, 6));
        table.Add("time", Seconds(report.SecondsPlaintext), Seconds(report.SecondsSecure));
        table.Add(report.Kind == "use-lite" ? "bytes sent by the 3 parties" : "bytes sent by party 0", "", report.BytesSecure is { } bytes ? $"{Units.Si(bytes)}B" : "-");
        table.Write(output);
    }

    private static string Seconds(double? value) => value is { } seconds ? Units.Seconds(seconds) : "-";

    private static string Count(long count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Fixed(double? value, int digits)
        => value is { } v ? v.ToString("F" + digits, CultureInfo.InvariantCulture) : "-";

    private static string Percent(double? value)
        => value is { } v ? (100 * v).ToString("F2", CultureInfo.InvariantCulture) + " %" : "-";
}
