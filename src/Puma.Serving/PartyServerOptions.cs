using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Puma.Protocols.Core;
using Puma.Transport;

namespace Puma.Serving;

/// <summary>How a party server listens, reaches its peers and waits.</summary>
public sealed record PartyServerOptions
{
    /// <summary>This party: 0, 1 or 2.</summary>
    public required int Id { get; init; }

    /// <summary>Where to listen (the party's endpoint, or any address and port 0 in tests).</summary>
    public required IPEndPoint Listen { get; init; }

    /// <summary>Where parties 0, 1 and 2 listen; this party dials the next one for each request.</summary>
    public required IReadOnlyList<EndPoint> Parties { get; init; }

    /// <summary>Links: mutual TLS with every member's pin (plain TCP only for loopback tests), receive and connect timeouts.</summary>
    public required TransportOptions Transport { get; init; }

    /// <summary>Protocol settings (fractional bits must be the bundle's; receive timeout; kernel threads).</summary>
    public ProtocolConfig Protocol { get; init; } = ProtocolConfig.Default;

    /// <summary>Requests party 0 keeps waiting behind the one it serves; more are answered "busy".</summary>
    public int QueueCapacity { get; init; } = 4;

    /// <summary>How long a request waits for its other links (the client's at parties 1 and 2, party 2's at party 0).</summary>
    public TimeSpan RendezvousTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Emulates a network on this party's links (its sending direction of each), for measurements; null for none.</summary>
    public NetworkProfile? Network { get; init; }

    /// <summary>Called on the protocol's thread after each request served, with its context and time: per-request profiles hook in here.</summary>
    public Action<PartyContext, TimeSpan>? AfterRequest { get; init; }
}
