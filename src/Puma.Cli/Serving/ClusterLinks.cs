using System.Net;
using Puma.Cli.Parsing;
using Puma.Transport;

namespace Puma.Cli.Serving;

/// <summary>
/// One member's view of a cluster file: where the parties listen and how this member's links are
/// secured. Mutual TLS with the pinned certificates always, unless the operator asks for plain
/// TCP with <c>--insecure-plaintext</c>, which only loopback endpoints accept. It reads the file
/// as <see cref="Puma.Serving.PumaClientOptions.FromClusterFile"/> does (the same endpoints and
/// TLS of <see cref="ClusterFile"/>), adding what the command line sets: timeouts and plain TCP.
/// </summary>
internal sealed record ClusterLinks(ClusterFile Cluster, IReadOnlyList<EndPoint> Parties, TransportOptions Transport)
{
    public static readonly OptionSpec ClusterOption = new("cluster", "cluster.json written by 'puma certs'", "FILE", "");
    public static readonly OptionSpec Timeout = new("timeout", "seconds to wait for any peer message or connection before failing the request", "SECONDS", "120");
    public static readonly OptionSpec InsecurePlaintext = new("insecure-plaintext", "plain TCP without TLS: unencrypted and unauthenticated, accepted only when every endpoint is a loopback address");

    public static ClusterLinks Read(ParsedOptions options, int member)
    {
        var path = options.Text(ClusterOption.Name);
        if (path.Length == 0) throw options.Invalid(ClusterOption.Name, "a cluster.json file");
        var cluster = ClusterFile.Load(path);
        var seconds = options.Integer(Timeout.Name, 1, 24 * 3600);
        var transport = new TransportOptions { ReceiveTimeout = TimeSpan.FromSeconds(seconds), ConnectTimeout = TimeSpan.FromSeconds(Math.Min(seconds, 30)) };
        if (options.Flag(InsecurePlaintext.Name))
        {
            var remote = cluster.Parties.FirstOrDefault(party => !IsLoopback(party.Endpoint!));
            if (remote is not null)
                throw new UsageException($"--insecure-plaintext is refused: {remote.Name}'s endpoint {remote.Endpoint} is not a loopback address; parties on other hosts always use mutual TLS.", options.Command.FullName);
        }
        else
        {
            transport = transport with { Tls = cluster.TlsOptionsFor(member) };
        }
        return new ClusterLinks(cluster, cluster.PartyEndPoints, transport);
    }

    private static bool IsLoopback(ClusterEndpoint endpoint)
        => endpoint.Host == "localhost" || (IPAddress.TryParse(endpoint.Host, out var address) && IPAddress.IsLoopback(address));
}
