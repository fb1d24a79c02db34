using System.Net;
using System.Net.Sockets;
using Puma.Models.Bundles;
using Puma.Models.Serving;
using Puma.Protocols.Core;
using Puma.Transport;

namespace Puma.Serving.Tests;

/// <summary>
/// Three party servers on loopback over pinned mutual TLS, serving one bundle, and a client's
/// options for them: the deployment of three hosts, in one test process.
/// </summary>
internal sealed class LoopbackCluster : IAsyncDisposable
{
    private readonly PartyServer?[] _servers = new PartyServer?[3];
    private readonly TransportOptions[] _transport;
    private readonly string _bundle;

    /// <param name="clusterFolder">If given, the credentials are written there as <c>puma certs</c> does, with <see cref="ClusterPath"/> naming them for a client that reads a cluster file.</param>
    public LoopbackCluster(string bundle, TimeSpan? receiveTimeout = null, int queueCapacity = 4, string? clusterFolder = null)
    {
        _bundle = bundle;
        QueueCapacity = queueCapacity;
        // Without a cluster file each server binds port 0 and its endpoint is filled in once it
        // listens (the servers read this same array when they dial), so no port picked free is
        // taken by a parallel test first; a cluster file must name its ports before they start.
        Endpoints = [.. Enumerable.Range(0, 3).Select(_ => clusterFolder is null ? new IPEndPoint(IPAddress.Loopback, 0) : FreeLoopbackEndpoint())];
        var timeout = receiveTimeout ?? TimeSpan.FromSeconds(30);
        _transport = [.. Credentials(clusterFolder).Select(tls => new TransportOptions
        {
            ReceiveTimeout = timeout,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            Tls = tls,
        })];
        for (var party = 0; party < 3; party++) Start(party);
    }

    /// <summary>The cluster.json written into the cluster folder; null without one.</summary>
    public string? ClusterPath { get; private set; }

    public IPEndPoint[] Endpoints { get; }

    public int QueueCapacity { get; }

    public PartyServer Server(int party) => _servers[party] ?? throw new InvalidOperationException($"Party {party} is stopped.");

    public PumaClientOptions ClientOptions => new()
    {
        Parties = Endpoints,
        Transport = _transport[3],
        ModelFolder = Path.Combine(_bundle, BundleLayout.ClientFolder),
    };

    /// <summary>Starts (or restarts, on the port it had) party <paramref name="party"/>.</summary>
    public void Start(int party)
    {
        var model = PartyModel.Load(PartyBundle.Load(Path.Combine(_bundle, BundleLayout.PartyFolder(party)), PartyBundle.DefaultResidentBytes(partiesInProcess: 3)));
        _servers[party] = PartyServer.Start(new PartyServerOptions
        {
            Id = party,
            Listen = Endpoints[party],
            Parties = Endpoints,
            Transport = _transport[party],
            QueueCapacity = QueueCapacity,
            RendezvousTimeout = TimeSpan.FromSeconds(10),
        }, model);
        Endpoints[party] = _servers[party]!.LocalEndPoint;
    }

    /// <summary>Stops party <paramref name="party"/> as a crash would: its listener and every link close.</summary>
    public async Task StopAsync(int party)
    {
        var server = _servers[party];
        _servers[party] = null;
        if (server is not null) await server.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        for (var party = 0; party < 3; party++) await StopAsync(party);
    }

    /// <summary>Each member's TLS options (parties 0-2, then the client): fresh in-memory certificates, or a cluster folder's.</summary>
    private TlsOptions[] Credentials(string? clusterFolder)
    {
        if (clusterFolder is not null)
        {
            var cluster = ClusterKeys.Create(clusterFolder, [.. Endpoints.Select(endpoint => new ClusterEndpoint("127.0.0.1", endpoint.Port))], ProtocolVersion.Current, replace: false);
            ClusterPath = cluster.Source;
            return [.. Enumerable.Range(0, 4).Select(cluster.TlsOptionsFor)];
        }
        var certificates = Enumerable.Range(0, 4).Select(id => SelfSignedCertificate.Create(id, TimeSpan.FromDays(1))).ToArray();
        var pins = Enumerable.Range(0, 4).ToDictionary(id => id, id => SelfSignedCertificate.Sha256Thumbprint(certificates[id]));
        return [.. certificates.Select(certificate => new TlsOptions { LocalCertificate = certificate, PeerThumbprints = pins })];
    }

    private static IPEndPoint FreeLoopbackEndpoint()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return (IPEndPoint)probe.LocalEndpoint;
    }
}
