using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Puma.Transport;

/// <summary>
/// Party certificates for pinned mutual TLS: self-signed ECDSA P-256, stored as PFX. Trust comes
/// from the pinned thumbprints, not from a certificate authority.
/// </summary>
public static class SelfSignedCertificate
{
    /// <summary>Creates a certificate for <paramref name="party"/> valid for <paramref name="validity"/> from now.</summary>
    public static X509Certificate2 Create(int party, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=puma-party-{party}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false)); // server and client auth
        var now = DateTimeOffset.UtcNow;
        using var ephemeral = request.CreateSelfSigned(now.AddMinutes(-5), now + validity);
        // A round trip through PFX gives a key every platform's TLS stack can use.
        return ImportPfx(ExportPfx(ephemeral, password: null), password: null);
    }

    public static byte[] ExportPfx(X509Certificate2 certificate, string? password) =>
        certificate.Export(X509ContentType.Pfx, password);

    public static X509Certificate2 ImportPfx(byte[] pfx, string? password) =>
        X509CertificateLoader.LoadPkcs12(pfx, password, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);

    /// <summary>The hex SHA-256 hash of the certificate, the value parties pin.</summary>
    public static string Sha256Thumbprint(X509Certificate certificate) =>
        certificate.GetCertHashString(HashAlgorithmName.SHA256);
}
