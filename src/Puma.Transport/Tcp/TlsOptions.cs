using System.Security.Cryptography.X509Certificates;

namespace Puma.Transport;

/// <summary>
/// Mutual TLS between parties that know each other in advance: no certificate authority, each
/// party pins the SHA-256 thumbprint of every other party's certificate.
/// </summary>
public sealed record TlsOptions
{
    /// <summary>This party's certificate, with its private key.</summary>
    public required X509Certificate2 LocalCertificate { get; init; }

    /// <summary>Party id to the hex SHA-256 thumbprint of its certificate (see <see cref="SelfSignedCertificate.Sha256Thumbprint"/>).</summary>
    public required IReadOnlyDictionary<int, string> PeerThumbprints { get; init; }

    internal bool IsPinned(int party, string thumbprint) =>
        PeerThumbprints.TryGetValue(party, out var pinned) && string.Equals(pinned, thumbprint, StringComparison.OrdinalIgnoreCase);

    internal int? PartyPinnedTo(string thumbprint, int localParty)
    {
        foreach (var (party, pinned) in PeerThumbprints)
        {
            if (party != localParty && string.Equals(pinned, thumbprint, StringComparison.OrdinalIgnoreCase))
                return party;
        }
        return null;
    }
}
