using Puma.Cli.Benchmarks;
using Puma.Cli.Output;
using Puma.Cli.Parsing;

namespace Puma.Cli.Commands;

/// <summary><c>puma bench protocols</c>: three parties in this process, measured protocol by protocol.</summary>
internal static class BenchProtocolsCommand
{
    private static readonly OptionSpec Length = new("n", "elements (words for and) of the elementwise protocols", "N", "1000000");
    private static readonly OptionSpec Only = new("only", $"protocols to run, comma-separated, from: {string.Join(", ", ProtocolCases.Families)}", "NAMES", string.Join(",", ProtocolCases.Families));

    public static CommandSpec Spec { get; } = new(
        "bench protocols",
        "three-party protocol speed, bytes and rounds, measured vs declared",
        "Runs P0, P1 and P2 in this process and measures each protocol: median seconds at party 0 after a warm-up call, bytes per element per party and rounds measured on the links, next to the declared cost.",
        [Length, SharedOptions.Transport, SharedOptions.Json, SharedOptions.Runs, SharedOptions.Shapes, Only],
        Execute);

    private static int Execute(ParsedOptions options, TextWriter output)
    {
        int length = options.Integer(Length.Name, 1, 1 << 27);
        var (transport, transportName) = SharedOptions.ReadTransport(options);
        int runs = SharedOptions.ReadRuns(options);
        var cases = ProtocolCases.Select(length, SharedOptions.ReadShapes(options), ReadFamilies(options));
        var results = ProtocolBenchmark.Run(cases, runs, transport, transportName);
        if (options.Flag(SharedOptions.Json.Name))
        {
            Json.Write(output, results);
            return 0;
        }
        output.WriteLine($"Protocols over {transportName}: median of {runs} runs at party 0; bytes and rounds measured (declared in brackets).");
        var table = new Table("protocol", ">n", ">median", ">elements/s", ">multiply-adds/s", ">bytes/elem/party", ">rounds");
        foreach (var r in results)
        {
            table.Add(r.Name, r.N.ToString("N0"), Units.Seconds(r.Seconds), Units.Si(r.PerSecond),
                r.MultiplyAddsPerSecond is { } macs ? Units.Si(macs) : "",
                $"{Units.Number(r.BytesPerElementPerParty)} [{Units.Number(r.DeclaredBytesPerElementPerParty)}]",
                $"{r.Rounds} [{r.DeclaredRounds}]");
        }
        table.Write(output);
        return 0;
    }

    private static HashSet<string> ReadFamilies(ParsedOptions options)
    {
        var names = options.Text(Only.Name).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (names.Count == 0 || !names.IsSubsetOf(ProtocolCases.Families))
            throw options.Invalid(Only.Name, $"names from: {string.Join(", ", ProtocolCases.Families)}");
        return names;
    }
}
