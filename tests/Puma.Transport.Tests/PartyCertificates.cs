namespace Puma.Transport.Tests;

/// <summary>Certificates of three parties, made once for the whole test run, and TLS settings pinning them.</summary>
internal static class PartyCertificates
{
    public static readonly System.Security.Cryptography.X509Certificates.X509Certificate2[] All =
        [.. Enumerable.Range(0, 3).Select(party => SelfSignedCertificate.Create(party, TimeSpan.FromDays(1)))];

    public static Dictionary<int, string> Thumbprints() =>
        Enumerable.Range(0, All.Length).ToDictionary(party => party, party => SelfSignedCertificate.Sha256Thumbprint(All[party]));

    /// <summary>Settings of <paramref name="party"/>, pinning every party's real certificate.</summary>
    public static TransportOptions OptionsFor(int party) =>
        new() { Tls = new TlsOptions { LocalCertificate = All[party], PeerThumbprints = Thumbprints() } };
}
