using Puma.Cli.Parsing;
using Puma.Models.Bundles;
using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Runtime;
using Puma.Transport;

namespace Puma.Cli.Commands;

/// <summary>Options several commands take, declared and read in one place so they behave alike.</summary>
internal static class SharedOptions
{
    public const int MaxDimension = 1 << 14;

    public static OptionSpec Json { get; } = new("json", "print a JSON array instead of a table");

    public static OptionSpec Runs { get; } = new("runs", "timed runs; the median is reported", "R", "5");

    public static OptionSpec Transport { get; } = new("transport", "links between the parties: inproc, tcp (loopback, unencrypted: shares and seeds travel in the clear) or tls (loopback, mutual TLS 1.3)", "KIND", "inproc");

    public static OptionSpec Net { get; } = new("net", $"emulate a network on every link, each direction delayed by half the round trip and capped at the rate: {NetworkProfile.Syntax}; lan is 5 Gbps with a 1 ms round trip (PUMA's LAN), wan 400 Mbps with 40 ms", "PROFILE", "");

    public static OptionSpec Profile { get; } = new("profile", "write each party's time, bytes and rounds per operator to this JSON file ('puma profile FILE.json' prints it)", "FILE.json", "");

    public static OptionSpec Threads { get; } = new("threads", "threads for each party's kernels: matrix products, elementwise passes, AES-CTR, truncation and comparison (default: this machine's cores divided among the parties in this process)", "N", "");

    public static OptionSpec ResidentWeights { get; } = new("resident-weights-mb", "megabytes (2^20 bytes) of weight shares each party keeps in memory between requests, the model's first tensors in order; the rest are regenerated from the bundle on each request and freed after it (0 streams every weight; default: half the memory available to this process, divided among the parties it runs)", "N", "");

    public static OptionSpec Shapes { get; } = new("shapes", "matrix products MxKxN, comma-separated", "SHAPES", "128x768x768,128x768x3072");

    private static readonly Dictionary<string, TransportKind> TransportNames = new(StringComparer.Ordinal)
    {
        ["inproc"] = TransportKind.InProcess,
        ["tcp"] = TransportKind.Tcp,
        ["tls"] = TransportKind.TcpTls,
    };

    public static int ReadRuns(ParsedOptions options) => options.Integer(Runs.Name, 1, 1000);

    /// <summary>
    /// <c>--threads</c>, or the cores divided among the <paramref name="partiesInProcess"/> parties
    /// this process runs when it was not given (<see cref="ProtocolConfig.ThreadsPerParty"/>).
    /// </summary>
    public static int ReadThreads(ParsedOptions options, int partiesInProcess)
        => options.Text(Threads.Name).Length == 0 ? ProtocolConfig.ThreadsPerParty(partiesInProcess) : options.Integer(Threads.Name, 1, 4096);

    /// <summary>
    /// <c>--resident-weights-mb</c> in bytes, or <see cref="PartyBundle.DefaultResidentBytes"/> for
    /// the <paramref name="partiesInProcess"/> parties this process runs when it was not given.
    /// </summary>
    public static long ReadResidentWeightBytes(ParsedOptions options, int partiesInProcess)
        => options.Text(ResidentWeights.Name).Length == 0 ? PartyBundle.DefaultResidentBytes(partiesInProcess) : (long)options.Integer(ResidentWeights.Name, 0, int.MaxValue) << 20;

    public static (TransportKind Kind, string Name) ReadTransport(ParsedOptions options)
        => (options.Choice(Transport.Name, TransportNames), options.Text(Transport.Name));

    /// <summary>The network <c>--net</c> names, or null when it was not given.</summary>
    public static NetworkProfile? ReadNetwork(ParsedOptions options)
    {
        string text = options.Text(Net.Name);
        if (text.Length == 0) return null;
        return NetworkProfile.TryParse(text) ?? throw options.Invalid(Net.Name, NetworkProfile.Syntax + ", with a rate above 0 and a round trip of 0 or more");
    }

    public static IReadOnlyList<MatMulShape> ReadShapes(ParsedOptions options)
    {
        var shapes = new List<MatMulShape>();
        foreach (string item in options.Text(Shapes.Name).Split(',', StringSplitOptions.TrimEntries))
        {
            var dims = item.Split('x');
            var parsed = dims.Select(d => int.TryParse(d, out int v) && v is >= 1 and <= MaxDimension ? v : 0).ToArray();
            if (dims.Length != 3 || parsed.Contains(0))
                throw options.Invalid(Shapes.Name, $"shapes like 128x768x768 with each dimension from 1 to {MaxDimension}");
            shapes.Add(new MatMulShape(parsed[0], parsed[1], parsed[2]));
        }
        return shapes;
    }
}
