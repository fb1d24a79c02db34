using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Puma.Transport;

/// <summary>
/// Mutual TLS 1.3 with pinned certificates. Chain and name errors are expected (certificates are
/// self-signed) and ignored; the only test is whether the peer's SHA-256 thumbprint is pinned.
/// A rejection is reported as <see cref="PeerAuthenticationException"/> with both thumbprints.
/// </summary>
internal static class TlsHandshake
{
    public static async Task<SslStream> AuthenticateAsClientAsync(
        Stream inner, int localParty, int remoteParty, TlsOptions tls, CancellationToken cancellationToken)
    {
        string? rejection = null;
        var stream = new SslStream(inner, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = $"puma-party-{remoteParty}",
            ClientCertificateContext = SslStreamCertificateContext.Create(tls.LocalCertificate, additionalCertificates: null, offline: true),
            EnabledSslProtocols = SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                rejection = CheckPinned(certificate, remoteParty, tls);
                return rejection is null;
            },
        };
        try
        {
            await stream.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
            return stream;
        }
        catch (Exception error) when (error is AuthenticationException or IOException)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw new PeerAuthenticationException(rejection is null
                ? $"{MemberNames.Capitalized(localParty)}: TLS handshake with {MemberNames.Of(remoteParty)} failed: {error.Message}"
                : $"{MemberNames.Capitalized(localParty)}: rejected {MemberNames.Of(remoteParty)}: {rejection}.", error);
        }
    }

    /// <summary>
    /// Accepts any pinned peer (or only <paramref name="expectedParty"/>) and returns the party
    /// whose certificate it presented, to be checked against the party its hello claims.
    /// </summary>
    public static async Task<(SslStream Stream, int CertificateParty)> AuthenticateAsServerAsync(
        Stream inner, int localParty, int? expectedParty, string peerAddress, TlsOptions tls, CancellationToken cancellationToken)
    {
        string? rejection = null;
        int certificateParty = -1;
        var stream = new SslStream(inner, leaveInnerStreamOpen: false);
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = SslStreamCertificateContext.Create(tls.LocalCertificate, additionalCertificates: null, offline: true),
            ClientCertificateRequired = true,
            EnabledSslProtocols = SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                if (expectedParty is int party)
                {
                    rejection = CheckPinned(certificate, party, tls);
                    certificateParty = rejection is null ? party : -1;
                    return rejection is null;
                }
                if (certificate is not null && tls.PartyPinnedTo(SelfSignedCertificate.Sha256Thumbprint(certificate), localParty) is int pinnedParty)
                {
                    certificateParty = pinnedParty;
                    return true;
                }
                rejection = certificate is null
                    ? "presented no certificate"
                    : $"presented certificate SHA-256 {SelfSignedCertificate.Sha256Thumbprint(certificate)}, which is pinned for no party";
                return false;
            },
        };
        try
        {
            await stream.AuthenticateAsServerAsync(options, cancellationToken).ConfigureAwait(false);
            return (stream, certificateParty);
        }
        catch (Exception error) when (error is AuthenticationException or IOException)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw new PeerAuthenticationException(rejection is null
                ? $"{MemberNames.Capitalized(localParty)}: TLS handshake with the peer at {peerAddress} failed: {error.Message}"
                : $"{MemberNames.Capitalized(localParty)}: rejected the peer at {peerAddress}{(expectedParty is int p ? $" (expected {MemberNames.Of(p)})" : "")}: {rejection}.", error);
        }
    }

    private static string? CheckPinned(X509Certificate? certificate, int party, TlsOptions tls)
    {
        if (certificate is null)
            return "presented no certificate";
        string thumbprint = SelfSignedCertificate.Sha256Thumbprint(certificate);
        if (tls.IsPinned(party, thumbprint))
            return null;
        string pinned = tls.PeerThumbprints.TryGetValue(party, out var value) ? value : "(none configured)";
        return $"presented certificate SHA-256 {thumbprint}, but the certificate pinned for {MemberNames.Of(party)} is {pinned}";
    }
}
