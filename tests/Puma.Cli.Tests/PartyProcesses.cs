using System.Net;
using System.Net.Sockets;

namespace Puma.Cli.Tests;

/// <summary>
/// Three <c>puma party</c> processes on free loopback ports over mutual TLS, with the cluster
/// file and keys of one <c>puma certs</c> run: the three-host deployment, on one machine. Every
/// process it starts (parties and clients) is killed when it is disposed.
/// </summary>
internal sealed class PartyProcesses : IDisposable
{
    /// <summary>How long a party may take to load its bundle and listen, on a loaded machine.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    private readonly PumaProcess?[] _parties = new PumaProcess?[3];
    private readonly List<PumaProcess> _clients = [];

    /// <summary>Writes certificates for three free loopback ports into <paramref name="folder"/>/certs and starts a party on each, serving <paramref name="bundle"/>.</summary>
    public PartyProcesses(string folder, string bundle)
        : this(folder, [bundle, bundle, bundle])
    {
    }

    /// <summary>As the other constructor, but party I serves <paramref name="bundles"/>[I] (a mismatched deployment when they differ).</summary>
    public PartyProcesses(string folder, IReadOnlyList<string> bundles)
    {
        Endpoints = FreeLoopbackEndpoints(3);
        Cluster = WriteCertificates(Path.Combine(folder, "certs"), Endpoints);
        try
        {
            for (var party = 0; party < 3; party++) _parties[party] = StartProcess(party, bundles[party]);
            for (var party = 0; party < 3; party++) WaitUntilServing(party);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string[] Endpoints { get; }

    /// <summary>The cluster.json the parties and the clients read.</summary>
    public string Cluster { get; }

    public PumaProcess Party(int party) => _parties[party] ?? throw new InvalidOperationException($"Party {party} is not running.");

    /// <summary>(Re)starts party <paramref name="party"/> on its endpoint, serving <paramref name="bundle"/>, and waits until it listens.</summary>
    public void Start(int party, string bundle)
    {
        _parties[party]?.Dispose();
        _parties[party] = StartProcess(party, bundle);
        WaitUntilServing(party);
    }

    /// <summary>Kills party <paramref name="party"/> at once, as a crash would.</summary>
    public void Kill(int party) => Party(party).Kill();

    /// <summary>Starts <c>puma client --cluster C --model BUNDLE/client COMMAND...</c> with the cluster file <paramref name="cluster"/> (by default this one's).</summary>
    public PumaProcess Client(string bundle, IEnumerable<string> command, string? cluster = null)
    {
        var client = PumaProcess.Start(["client", "--cluster", cluster ?? Cluster, "--model", Path.Combine(bundle, "client"), .. command]);
        _clients.Add(client);
        return client;
    }

    /// <summary>Party bundles of <paramref name="model"/> from <c>puma share</c> (run in this process) into <paramref name="folder"/>; returns the folder.</summary>
    public static string Share(string model, string folder)
    {
        var outcome = Cli.Run("share", "--model", model, "--out", folder);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        return folder;
    }

    /// <summary>Certificates for <paramref name="endpoints"/> from one <c>puma certs</c> run into <paramref name="folder"/>; returns its cluster.json.</summary>
    public static string WriteCertificates(string folder, IEnumerable<string> endpoints)
    {
        var outcome = Cli.Run(["certs", "--out", folder, .. endpoints.SelectMany(endpoint => new[] { "--party", endpoint })]);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        return Path.Combine(folder, "cluster.json");
    }

    public void Dispose()
    {
        foreach (var client in _clients) client.Dispose();
        foreach (var party in _parties) party?.Dispose();
    }

    private PumaProcess StartProcess(int party, string bundle) =>
        PumaProcess.Start("party", "--id", $"{party}", "--cluster", Cluster, "--bundle", Path.Combine(bundle, $"party{party}"));

    private void WaitUntilServing(int party)
    {
        var process = Party(party);
        if (!process.WaitForOutput(output => output.Contains($"Party {party} serving", StringComparison.Ordinal), StartLimit))
            throw new InvalidOperationException($"Party {party} did not start serving within {StartLimit.TotalSeconds} s {process.Describe()}");
    }

    /// <summary>Distinct free ports: every probe stays bound until all are chosen, so the OS cannot hand out one twice.</summary>
    private static string[] FreeLoopbackEndpoints(int count)
    {
        var probes = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var probe in probes) probe.Start();
            return [.. probes.Select(probe => $"127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}")];
        }
        finally
        {
            foreach (var probe in probes) probe.Dispose();
        }
    }
}
