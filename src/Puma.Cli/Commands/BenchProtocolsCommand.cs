using Puma.Cli.Benchmarks;
using Puma.Cli.Output;
using Puma.Cli.Parsing;
using Puma.Protocols.Core;
using Puma.Protocols.Runtime;

namespace Puma.Cli.Commands;

/// <summary><c>puma bench protocols</c>: three parties in this process, measured protocol by protocol.</summary>
internal static class BenchProtocolsCommand
{
    private static readonly OptionSpec Length = new("n", "elements (words for and) of mul, trunc, mul_trunc and and", "N", "1000000");
    private static readonly OptionSpec NonlinearLength = new("nonlinear-n", $"elements of lt, select, max (rows of {NonlinearCases.MaxRowLength}), exp, gelu and silu; exp_general, reciprocal and rsqrt take 1/{NonlinearCases.WideComparisonDivisor} of it", "N", "100000");
    private static readonly OptionSpec Softmax = new("softmax-shape", "rows x columns of softmax, all rows in one call (default: BERT-base attention, 12 heads x 128 queries, 128 keys)", "RxC", "1536x128");
    private static readonly OptionSpec LayerNorm = new("layernorm-shape", "rows x columns of layernorm (default: BERT-base, 128 tokens x 768)", "RxC", "128x768");
    private static readonly OptionSpec Only = new("only", $"protocols to run, comma-separated, from: {string.Join(", ", ProtocolCases.Families)}", "NAMES", string.Join(",", ProtocolCases.Families));

    public static CommandSpec Spec { get; } = new(
        "bench protocols",
        "three-party protocol speed, bytes and rounds, measured vs declared",
        "Runs P0, P1 and P2 in this process and measures each protocol: median seconds at party 0 after a warm-up call, bytes per element per party and rounds measured on the links, next to the declared cost.",
        [Length, NonlinearLength, Softmax, LayerNorm, SharedOptions.Transport, SharedOptions.Net, SharedOptions.Threads, SharedOptions.Json, SharedOptions.Runs, SharedOptions.Shapes, Only],
        Execute);

    private static int Execute(ParsedOptions options, TextWriter output, TextWriter error)
    {
        var sizes = new ProtocolSizes(
            options.Integer(Length.Name, 1, 1 << 27),
            options.Integer(NonlinearLength.Name, 1, 1 << 24),
            SharedOptions.ReadShapes(options),
            ReadRowShape(options, Softmax),
            ReadRowShape(options, LayerNorm));
        var (transport, transportName) = SharedOptions.ReadTransport(options);
        int runs = SharedOptions.ReadRuns(options);
        var cases = ProtocolCases.Select(sizes, ReadFamilies(options));
        var network = SharedOptions.ReadNetwork(options);
        int threads = SharedOptions.ReadThreads(options, Parties.Count);
        var config = ProtocolConfig.Default with { KernelThreads = threads };
        var results = ProtocolBenchmark.Run(cases, runs, new RunOptions { Transport = transport, Network = network, Config = config }, transportName);
        if (options.Flag(SharedOptions.Json.Name))
        {
            Json.Write(output, results);
            return 0;
        }
        output.WriteLine($"Protocols over {transportName}{(network is null ? "" : $", emulating {network}")}, {threads} kernel thread{(threads == 1 ? "" : "s")} per party: median of {runs} runs at party 0; bytes and rounds measured (declared in brackets).");
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

    private static RowShape ReadRowShape(ParsedOptions options, OptionSpec option)
    {
        var dims = options.Text(option.Name).Split('x');
        var parsed = dims.Select(d => int.TryParse(d, out int v) && v is >= 1 and <= SharedOptions.MaxDimension ? v : 0).ToArray();
        if (dims.Length != 2 || parsed.Contains(0))
            throw options.Invalid(option.Name, $"a shape like 128x768 with each dimension from 1 to {SharedOptions.MaxDimension}");
        return new RowShape(parsed[0], parsed[1]);
    }

    private static HashSet<string> ReadFamilies(ParsedOptions options)
    {
        var names = options.Text(Only.Name).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (names.Count == 0 || !names.IsSubsetOf(ProtocolCases.Families))
            throw options.Invalid(Only.Name, $"names from: {string.Join(", ", ProtocolCases.Families)}");
        return names;
    }
}
