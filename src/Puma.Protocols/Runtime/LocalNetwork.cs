using System.Net;
using Puma.Protocols.Core;
using Puma.Transport;

namespace Puma.Protocols.Runtime;

/// <summary>
/// The links of a three-party run on one machine: each party's channel to next and prev, and,
/// if wanted, to the outside party (id 3). Built in process or over TCP loopback (plain or TLS).
/// </summary>
public sealed class LocalNetwork
{
    private LocalNetwork(IChannel[] next, IChannel[] prev, IChannel[]? partyToOutside, IChannel[]? outsideToParty)
    {
        Next = next;
        Prev = prev;
        PartyToOutside = partyToOutside;
        OutsideToParty = outsideToParty;
    }

    /// <summary>Party i's channel to next(i).</summary>
    public IReadOnlyList<IChannel> Next { get; }

    /// <summary>Party i's channel to prev(i).</summary>
    public IReadOnlyList<IChannel> Prev { get; }

    /// <summary>Party i's channel to the outside party, if any.</summary>
    public IReadOnlyList<IChannel>? PartyToOutside { get; }

    /// <summary>The outside party's channel to party i, if any.</summary>
    public IReadOnlyList<IChannel>? OutsideToParty { get; }

    /// <param name="shaping">Network to emulate on every link, under <paramref name="decorate"/>; null for none.</param>
    public static LocalNetwork Create(TransportKind kind, bool withOutside, TimeSpan timeout, Func<IChannel, IChannel>? decorate = null, NetworkProfile? shaping = null)
    {
        var network = kind == TransportKind.InProcess
            ? InProcess(withOutside, timeout)
            : TcpLoopback(kind == TransportKind.TcpTls, withOutside, timeout).GetAwaiter().GetResult();
        if (shaping is not null)
        {
            var outer = decorate ?? (link => link);
            decorate = link => outer(new ShapedChannel(link, shaping));
        }
        if (decorate is null) return network;
        static IChannel[] Map(IReadOnlyList<IChannel> links, Func<IChannel, IChannel> f) => links.Select(f).ToArray();
        return new LocalNetwork(
            Map(network.Next, decorate), Map(network.Prev, decorate),
            network.PartyToOutside is { } p ? Map(p, decorate) : null,
            network.OutsideToParty is { } o ? Map(o, decorate) : null);
    }

    private static LocalNetwork InProcess(bool withOutside, TimeSpan timeout)
    {
        var next = new IChannel[Parties.Count];
        var prev = new IChannel[Parties.Count];
        for (int party = 0; party < Parties.Count; party++)
        {
            int neighbour = Parties.Next(party);
            (next[party], prev[neighbour]) = InProcessChannel.CreatePair(party, neighbour, timeout);
        }
        if (!withOutside) return new LocalNetwork(next, prev, null, null);
        var toOutside = new IChannel[Parties.Count];
        var fromOutside = new IChannel[Parties.Count];
        for (int party = 0; party < Parties.Count; party++)
        {
            (toOutside[party], fromOutside[party]) = InProcessChannel.CreatePair(party, OutsideParty.Id, timeout);
        }
        return new LocalNetwork(next, prev, toOutside, fromOutside);
    }

    private static async Task<LocalNetwork> TcpLoopback(bool tls, bool withOutside, TimeSpan timeout)
    {
        int members = withOutside ? Parties.Count + 1 : Parties.Count;
        var optionsOf = OptionsPerMember(members, tls, timeout);
        var listeners = Enumerable.Range(0, Parties.Count)
            .Select(p => new TcpPartyListener(p, new IPEndPoint(IPAddress.Loopback, 0), optionsOf[p]))
            .ToArray();
        try
        {
            // Party i dials next(i); the outside party dials every party. Each listener accepts prev and the outside party.
            var dials = Enumerable.Range(0, Parties.Count)
                .Select(p => TcpChannel.ConnectAsync(p, Parties.Next(p), listeners[Parties.Next(p)].LocalEndPoint, optionsOf[p]))
                .ToArray();
            var outsideDials = withOutside
                ? Enumerable.Range(0, Parties.Count).Select(p => TcpChannel.ConnectAsync(OutsideParty.Id, p, listeners[p].LocalEndPoint, optionsOf[OutsideParty.Id])).ToArray()
                : [];
            var accepts = Enumerable.Range(0, Parties.Count)
                .Select(p => Task.WhenAll(Enumerable.Range(0, withOutside ? 2 : 1).Select(_ => listeners[p].AcceptAsync())))
                .ToArray();
            var next = await Task.WhenAll(dials).ConfigureAwait(false);
            var outside = await Task.WhenAll(outsideDials).ConfigureAwait(false);
            var accepted = await Task.WhenAll(accepts).ConfigureAwait(false);
            IChannel[] prev = accepted.Select(a => a.Single(c => c.RemoteParty != OutsideParty.Id)).ToArray();
            IChannel[]? toOutside = withOutside ? accepted.Select(a => (IChannel)a.Single(c => c.RemoteParty == OutsideParty.Id)).ToArray() : null;
            return new LocalNetwork(next, prev, toOutside, withOutside ? outside : null);
        }
        finally
        {
            foreach (var listener in listeners) listener.Dispose();
        }
    }

    /// <summary>Transport options for each member; with TLS, a fresh self-signed certificate each, all pinned by all.</summary>
    private static TransportOptions[] OptionsPerMember(int members, bool tls, TimeSpan timeout)
    {
        var plain = new TransportOptions { ReceiveTimeout = timeout };
        if (!tls) return Enumerable.Repeat(plain, members).ToArray();
        var certificates = Enumerable.Range(0, members).Select(id => SelfSignedCertificate.Create(id, TimeSpan.FromDays(1))).ToArray();
        var pins = Enumerable.Range(0, members).ToDictionary(id => id, id => SelfSignedCertificate.Sha256Thumbprint(certificates[id]));
        return certificates.Select(c => plain with { Tls = new TlsOptions { LocalCertificate = c, PeerThumbprints = pins } }).ToArray();
    }
}
