using Puma.Cli.Output;

namespace Puma.Cli.Benchmarks;

/// <summary>The text form of a <see cref="ModelBenchResult"/>: the figures, then the slowest operators.</summary>
internal static class ModelBenchReport
{
    private const int OperatorRows = 15;

    public static void Write(TextWriter output, ModelBenchResult r, string links)
    {
        var request = r.NewTokens == 0 ? $"{r.Tokens} tokens" : $"{r.Tokens} → {r.NewTokens} tokens";
        output.WriteLine($"{r.Shape} ({r.Family}, {r.Parameters / 1e6:F0} M parameters, RANDOM weights), {request}, {links}, {r.Threads} kernel thread(s) per party");
        var each = r.SecondsRuns.Length > 1 ? $"median of {string.Join(", ", r.SecondsRuns.Select(s => s.ToString("F2")))}; " : "";
        output.WriteLine($"seconds:             {r.Seconds:F2} ({each}first token {r.SecondsFirstToken:F2}; loading the bundles took {r.SecondsLoad:F2} more)");
        output.WriteLine($"bytes:               {Units.Si(r.BytesTotal)}B in all; per party {string.Join(" / ", r.BytesPerParty.Select(b => Units.Si(b) + "B"))}");
        output.WriteLine($"rounds:              {r.Rounds:N0}");
        output.WriteLine($"peak private memory: per party {string.Join(" / ", r.PeakRssBytesPerParty.Select(b => Units.Si(b) + "B"))} (native), whole process {(r.PeakPrivateBytesProcess is { } p ? Units.Si(p) + "B" : "unknown")}");
        output.WriteLine($"resident weights:    per party {string.Join(" / ", r.ResidentWeightBytesPerParty.Select(b => Units.Si(b) + "B"))} (the rest regenerated on each request)");
        output.WriteLine($"bundle on disk:      {Units.Si(r.BundleBytesOnDisk)}B explicit component (shared by parties 1 and 2)");
        output.WriteLine();
        // Scopes nest (an MLP scope holds its matrix products), so each is a share of the request, not of a sum.
        var table = new Table("operator (party 0)", ">calls", ">seconds", ">of request", ">bytes sent", ">rounds");
        foreach (var op in r.Operators.Take(OperatorRows))
            table.Add(op.Name, op.Calls.ToString("N0"), op.Seconds.ToString("F2"), $"{op.Seconds / r.Seconds:P0}", Units.Si(op.BytesSent) + "B", op.Rounds.ToString("N0"));
        table.Write(output);
    }
}
