using System.Net;
using Puma.Models.Bundles;
using Puma.Models.Serving;
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

    public LoopbackCluster(string bundle, TimeSpan? receiveTimeout = null, int queueCapacity = 4)
    {
        _bundle = bundle;
        QueueCapacity = queueCapacity;
        var certificates = Enumerable.Range(0, 4).Select(id => SelfSignedCertificate.Create(id, TimeSpan.FromDays(1))).ToArray();
        var pins = Enumerable.Range(0, 4).ToDictionary(id => id, id => SelfSignedCertificate.Sha256Thumbprint(certificates[id]));
        var timeout = receiveTimeout ?? TimeSpan.FromSeconds(30);
        _transport = [.. certificates.Select(certificate => new TransportOptions
        {
            ReceiveTimeout = timeout,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            Tls = new TlsOptions { LocalCertificate = certificate, PeerThumbprints = pins },
        })];
        // Each server binds port 0 and its endpoint is filled in once it listens: the servers read
        // this same array when they dial, so no port is picked free and taken by someone else first.
        Endpoints = [.. Enumerable.Range(0, 3).Select(_ => new IPEndPoint(IPAddress.Loopback, 0))];
        for (var party = 0; party < 3; party++) Start(party);
    }

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
        var model = PartyModel.Load(PartyBundle.Load(Path.Combine(_bundle, BundleLayout.PartyFolder(party))));
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
}
