using System.Net;
using Puma.Transport;

namespace Puma.Serving;

/// <summary>Where a client finds the parties and how it talks to them.</summary>
public sealed record PumaClientOptions
{
    /// <summary>Where parties 0, 1 and 2 listen.</summary>
    public required IReadOnlyList<EndPoint> Parties { get; init; }

    /// <summary>The client's links: mutual TLS with its own certificate and every party's pin, and the timeouts.</summary>
    public required TransportOptions Transport { get; init; }

    /// <summary>The model's client folder (client/ of <c>puma share</c>): public config and tokenizer.</summary>
    public required string ModelFolder { get; init; }

    /// <summary>
    /// The client's options from a cluster.json written by <c>puma certs</c>: the parties'
    /// endpoints, and mutual TLS with the client's certificate and every member's pin.
    /// </summary>
    public static PumaClientOptions FromClusterFile(string clusterPath, string modelFolder)
    {
        var cluster = ClusterFile.Load(clusterPath);
        return new()
        {
            Parties = cluster.PartyEndPoints,
            Transport = new TransportOptions { Tls = cluster.TlsOptionsFor(ClusterFile.ClientId) },
            ModelFolder = modelFolder,
        };
    }
}
