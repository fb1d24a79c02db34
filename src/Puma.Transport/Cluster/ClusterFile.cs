using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Puma.Transport;

/// <summary>
/// The deployment of one cluster (cluster.json, written by <c>puma certs</c>): the three parties'
/// endpoints, every member's certificate pin, the protocol version, and the certificate and key
/// files. Paths are stored relative to cluster.json's folder, so the folder can be copied to each
/// host; they are absolute in memory. A file that cannot be used fails to load with an
/// <see cref="InvalidDataException"/> naming the file and the field.
/// </summary>
public sealed class ClusterFile
{
    /// <summary>Parties in a cluster; their ids are 0, 1 and 2, in the file's order.</summary>
    public const int PartyCount = 3;

    /// <summary>The id the client uses on its links (the protocols' outside party).</summary>
    public const int ClientId = MemberNames.Client;

    public required int ProtocolVersion { get; init; }

    /// <summary>Parties 0, 1 and 2, in id order, each with an endpoint.</summary>
    public required IReadOnlyList<ClusterMember> Parties { get; init; }

    public required ClusterMember Client { get; init; }

    /// <summary>The file this was loaded from, for messages; null if built in memory.</summary>
    public string? Source { get; init; }

    /// <summary>Party 0, 1, 2 or the client (<see cref="ClientId"/>).</summary>
    public ClusterMember Member(int id) =>
        id == ClientId ? Client
        : id is >= 0 and < PartyCount ? Parties[id]
        : throw new ArgumentOutOfRangeException(nameof(id), id, $"A cluster member is party 0, 1 or 2, or the client ({ClientId}).");

    /// <summary>Every member's id to its certificate pin, as <see cref="TlsOptions.PeerThumbprints"/> wants them.</summary>
    public IReadOnlyDictionary<int, string> Pins =>
        Parties.Append(Client).ToDictionary(m => m.Id, m => m.CertificateSha256);

    /// <summary>
    /// Loads member <paramref name="id"/>'s certificate with its private key, checking that it is
    /// the pinned one and that the key belongs to it.
    /// </summary>
    public X509Certificate2 LoadCertificate(int id)
    {
        var member = Member(id);
        string owner = $"{Source ?? "the cluster file"}: {member.Name}";
        foreach (var path in new[] { member.CertificatePath, member.KeyPath })
        {
            if (!File.Exists(path)) throw new InvalidDataException($"{owner}: '{path}' does not exist.");
        }
        X509Certificate2 certificate;
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(member.CertificatePath, member.KeyPath);
            // A round trip through PFX gives a key every platform's TLS stack can use.
            certificate = SelfSignedCertificate.ImportPfx(SelfSignedCertificate.ExportPfx(pem, password: null), password: null);
        }
        catch (Exception error) when (error is CryptographicException or ArgumentException) // a key of another certificate is an ArgumentException
        {
            throw new InvalidDataException($"{owner}: cannot use certificate '{member.CertificatePath}' with key '{member.KeyPath}': {error.Message}", error);
        }
        string actual = SelfSignedCertificate.Sha256Thumbprint(certificate);
        if (!string.Equals(actual, member.CertificateSha256, StringComparison.OrdinalIgnoreCase))
        {
            certificate.Dispose();
            throw new InvalidDataException($"{owner}: certificate '{member.CertificatePath}' has SHA-256 {actual}, but the pin is {member.CertificateSha256}.");
        }
        return certificate;
    }

    /// <summary>Where parties 0, 1 and 2 listen, in id order: what every member dials.</summary>
    public IReadOnlyList<System.Net.EndPoint> PartyEndPoints => [.. Parties.Select(party => party.Endpoint!.ToEndPoint())];

    /// <summary>Mutual TLS for member <paramref name="id"/>: its own certificate, every member's pin.</summary>
    public TlsOptions TlsOptionsFor(int id) => new() { LocalCertificate = LoadCertificate(id), PeerThumbprints = Pins };

    /// <summary>Reads and checks a cluster file; relative paths are resolved against its folder.</summary>
    /// <exception cref="InvalidDataException">The file is missing, not JSON, or a field is missing or wrong; the message names both.</exception>
    public static ClusterFile Load(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"Cluster file '{path}' does not exist.");
        ClusterFileJson? json;
        try
        {
            json = JsonSerializer.Deserialize<ClusterFileJson>(File.ReadAllText(path), ClusterFileJson.Options);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path}: not a cluster file: {error.Message}", error);
        }
        return new ClusterFileReader(path).Read(json);
    }

    /// <summary>Writes the file; paths inside are written relative to <paramref name="path"/>'s folder.</summary>
    public void Save(string path)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        ClusterFileJson.MemberJson Write(ClusterMember member) => new()
        {
            Id = member.Id == ClientId ? null : member.Id,
            Endpoint = member.Endpoint?.ToString(),
            Certificate = Path.GetRelativePath(folder, member.CertificatePath),
            Key = Path.GetRelativePath(folder, member.KeyPath),
            CertificateSha256 = member.CertificateSha256,
        };
        var json = new ClusterFileJson
        {
            ProtocolVersion = ProtocolVersion,
            Parties = [.. Parties.Select(Write)],
            Client = Write(Client),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(json, ClusterFileJson.Options) + Environment.NewLine);
    }
}
