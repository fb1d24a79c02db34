using System.Security.Cryptography.X509Certificates;

namespace Puma.Transport;

/// <summary>
/// Makes a cluster's credentials in one folder: a self-signed certificate and private key per
/// party and for the client (PEM; keys readable by the owner only), and cluster.json pinning them.
/// Trust comes from the pins, so the certificates' validity period is informational.
/// </summary>
public static class ClusterKeys
{
    /// <summary>The name of the cluster file inside the folder.</summary>
    public const string FileName = "cluster.json";

    private static readonly TimeSpan Validity = TimeSpan.FromDays(3650);

    /// <summary>The files <see cref="Create"/> writes into a folder, cluster.json last.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        [.. Enumerable.Range(0, ClusterFile.PartyCount).SelectMany(p => new[] { $"party{p}.crt", $"party{p}.key" }), "client.crt", "client.key", FileName];

    /// <summary>The files of a cluster already in <paramref name="folder"/>, which <see cref="Create"/> would replace.</summary>
    public static IReadOnlyList<string> Existing(string folder) =>
        [.. FileNames.Where(name => File.Exists(Path.Combine(folder, name)))];

    /// <summary>Writes fresh credentials for parties at <paramref name="endpoints"/> (ids in order) and returns the saved cluster file.</summary>
    /// <param name="replace">Whether existing credentials may be overwritten; otherwise their presence is an <see cref="IOException"/>.</param>
    public static ClusterFile Create(string folder, IReadOnlyList<ClusterEndpoint> endpoints, int protocolVersion, bool replace)
    {
        if (endpoints.Count != ClusterFile.PartyCount)
            throw new ArgumentException($"A cluster has {ClusterFile.PartyCount} parties, got {endpoints.Count} endpoints.", nameof(endpoints));
        folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(folder);
        var existing = Existing(folder);
        if (existing.Count > 0 && !replace)
            throw new IOException($"'{folder}' already holds {string.Join(", ", existing)}; refusing to overwrite them.");

        var parties = endpoints.Select((endpoint, id) => Write(folder, $"party{id}", id, endpoint)).ToArray();
        var cluster = new ClusterFile
        {
            ProtocolVersion = protocolVersion,
            Parties = parties,
            Client = Write(folder, "client", ClusterFile.ClientId, endpoint: null),
            Source = Path.Combine(folder, FileName),
        };
        cluster.Save(cluster.Source);
        return cluster;
    }

    private static ClusterMember Write(string folder, string name, int id, ClusterEndpoint? endpoint)
    {
        using var certificate = SelfSignedCertificate.Create(id, Validity);
        string certificatePath = Path.Combine(folder, name + ".crt"), keyPath = Path.Combine(folder, name + ".key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + Environment.NewLine);
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("A party certificate has no ECDSA private key.");
        WriteOwnerOnly(keyPath, key.ExportPkcs8PrivateKeyPem() + Environment.NewLine);
        return new ClusterMember(id, endpoint, certificatePath, keyPath, SelfSignedCertificate.Sha256Thumbprint(certificate));
    }

    /// <summary>Creates the file afresh with mode 0600 on Unix, so the key is never readable by others, not even briefly.</summary>
    private static void WriteOwnerOnly(string path, string text)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(text);
    }
}
