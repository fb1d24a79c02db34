using System.Net;
using System.Text.Json.Nodes;

namespace Puma.Transport.Tests;

public sealed class ClusterFileTests
{
    [Fact]
    public void Load_ReadsBackWhatCreateWrote()
    {
        using var folder = new ClusterFolder();

        var loaded = ClusterFile.Load(folder.ClusterPath);

        Assert.Equal(7, loaded.ProtocolVersion);
        Assert.Equal(ClusterFolder.Endpoints, loaded.Parties.Select(p => p.Endpoint));
        Assert.Equal([0, 1, 2], loaded.Parties.Select(p => p.Id));
        Assert.Equal(folder.Cluster.Parties, loaded.Parties);
        Assert.Equal(folder.Cluster.Client, loaded.Client);
        Assert.Equal(4, loaded.Pins.Values.Distinct().Count());
    }

    [Fact]
    public void Save_WritesPathsRelativeToTheFile()
    {
        using var folder = new ClusterFolder();

        var json = JsonNode.Parse(File.ReadAllText(folder.ClusterPath))!;

        Assert.Equal("party1.crt", (string?)json["parties"]![1]!["certificate"]);
        Assert.Equal("client.key", (string?)json["client"]!["key"]);
        Assert.Equal("[::1]:7103", (string?)json["parties"]![2]!["endpoint"]);
    }

    [Fact]
    public void CopiedFolder_ResolvesPathsInTheCopy()
    {
        using var folder = new ClusterFolder();
        string copy = Path.Combine(folder.Path, "elsewhere", "cluster");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(folder.ClusterPath)!))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        Directory.Delete(Path.GetDirectoryName(folder.ClusterPath)!, recursive: true);

        var loaded = ClusterFile.Load(Path.Combine(copy, ClusterKeys.FileName));
        using var certificate = loaded.LoadCertificate(1);

        Assert.Equal(Path.Combine(copy, "party1.key"), loaded.Parties[1].KeyPath);
        Assert.Equal(loaded.Parties[1].CertificateSha256, SelfSignedCertificate.Sha256Thumbprint(certificate));
        Assert.True(certificate.HasPrivateKey);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Keys_AreReadableByTheOwnerOnly()
    {
        using var folder = new ClusterFolder();

        foreach (var member in folder.Cluster.Parties.Append(folder.Cluster.Client))
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(member.KeyPath));
    }

    [Fact]
    public void Create_RefusesToOverwriteUnlessAsked()
    {
        using var folder = new ClusterFolder();
        string keys = Path.GetDirectoryName(folder.ClusterPath)!;

        var error = Assert.Throws<IOException>(() => ClusterKeys.Create(keys, ClusterFolder.Endpoints, 1, replace: false));
        var replaced = ClusterKeys.Create(keys, ClusterFolder.Endpoints, 1, replace: true);

        Assert.Contains("party0.key", error.Message);
        Assert.NotEqual(folder.Cluster.Parties[0].CertificateSha256, replaced.Parties[0].CertificateSha256);
    }

    [Theory]
    [InlineData("protocol_version", "0", "'protocol_version'")]
    [InlineData("parties", "[]", "'parties' must be 3 parties, not 0")]
    [InlineData("parties/1/endpoint", "\"party1\"", "'parties[1].endpoint' must be HOST:PORT")]
    [InlineData("parties/2/endpoint", "\"host:99999\"", "'parties[2].endpoint' must be a port")]
    [InlineData("parties/0/id", "2", "'parties[0].id' must be 0")]
    [InlineData("parties/1/certificate_sha256", "\"abc\"", "'parties[1].certificate_sha256' must be 64 hex digits")]
    [InlineData("parties/1/certificate_sha256", null, "'parties[1].certificate_sha256' must be a non-empty string")]
    [InlineData("client/key", null, "'client.key' must be a non-empty string")]
    [InlineData("client", null, "'client' must be an object")]
    [InlineData("protocol_version", "\"one\"", "protocol_version")]
    [InlineData("surplus", "1", "surplus")]
    public void BadField_IsOneErrorNamingTheFileAndTheField(string field, string? value, string expected)
    {
        using var folder = new ClusterFolder();
        var json = JsonNode.Parse(File.ReadAllText(folder.ClusterPath))!;
        var parts = field.Split('/');
        var parent = parts[..^1].Aggregate(json, (node, part) => int.TryParse(part, out int i) ? node[i]! : node[part]!);
        if (value is null) parent.AsObject().Remove(parts[^1]);
        else parent[parts[^1]] = JsonNode.Parse(value);
        File.WriteAllText(folder.ClusterPath, json.ToJsonString());

        var error = Assert.Throws<InvalidDataException>(() => ClusterFile.Load(folder.ClusterPath));

        Assert.Contains(folder.ClusterPath, error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ not json")]
    [InlineData("null")]
    public void NotAClusterFile_IsOneErrorNamingTheFile(string contents)
    {
        using var folder = new ClusterFolder();
        File.WriteAllText(folder.ClusterPath, contents);

        var error = Assert.Throws<InvalidDataException>(() => ClusterFile.Load(folder.ClusterPath));

        Assert.Contains(folder.ClusterPath, error.Message);
    }

    [Fact]
    public void MissingFile_IsNamed()
    {
        var error = Assert.Throws<InvalidDataException>(() => ClusterFile.Load("/nonexistent/cluster.json"));

        Assert.Contains("/nonexistent/cluster.json", error.Message);
    }

    [Fact]
    public void CertificateThatIsNotThePinnedOne_IsRefusedNamingTheMember()
    {
        using var folder = new ClusterFolder();
        var cluster = folder.Cluster;
        File.Copy(cluster.Parties[0].CertificatePath, cluster.Parties[2].CertificatePath, overwrite: true);
        File.Copy(cluster.Parties[0].KeyPath, cluster.Parties[2].KeyPath, overwrite: true);

        var error = Assert.Throws<InvalidDataException>(() => ClusterFile.Load(folder.ClusterPath).LoadCertificate(2));

        Assert.Contains("party 2", error.Message);
        Assert.Contains(cluster.Parties[2].CertificateSha256, error.Message);
    }

    [Fact]
    public void KeyOfAnotherMember_IsRefusedNamingBothFiles()
    {
        using var folder = new ClusterFolder();
        var cluster = folder.Cluster;
        File.Copy(cluster.Parties[0].KeyPath, cluster.Client.KeyPath, overwrite: true);

        var error = Assert.Throws<InvalidDataException>(() => cluster.LoadCertificate(ClusterFile.ClientId));

        Assert.Contains("the client", error.Message);
        Assert.Contains(cluster.Client.KeyPath, error.Message);
    }

    [Fact]
    public async Task TlsOptionsFromTheFile_ConnectTwoMembers()
    {
        using var folder = new ClusterFolder();
        var cluster = ClusterFile.Load(folder.ClusterPath);

        var (listening, connecting) = await TcpPairs.ConnectAsync(
            new TransportOptions { Tls = cluster.TlsOptionsFor(TcpPairs.Listener) },
            new TransportOptions { Tls = cluster.TlsOptionsFor(TcpPairs.Connector) });
        using (listening)
        using (connecting)
        {
            Assert.True(listening.IsTls && connecting.IsTls);
            Assert.Equal(TcpPairs.Connector, listening.RemoteParty);
        }
    }

    [Theory]
    [InlineData("10.1.2.3:7000", "10.1.2.3", 7000)]
    [InlineData("party0.example.org:443", "party0.example.org", 443)]
    [InlineData("[::1]:9000", "::1", 9000)]
    public void Endpoint_ParsesHostAndPort(string text, string host, int port)
    {
        var endpoint = ClusterEndpoint.TryParse(text, out _);

        Assert.Equal(new ClusterEndpoint(host, port), endpoint);
        Assert.Equal(text, endpoint!.ToString());
    }

    [Theory]
    [InlineData("host")]
    [InlineData(":7000")]
    [InlineData("host:0")]
    [InlineData("host:port")]
    [InlineData("::1:9000")]
    public void Endpoint_RejectsWhatIsNotHostColonPort(string text)
    {
        Assert.Null(ClusterEndpoint.TryParse(text, out string error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Endpoint_OfAnAddressIsAnIpEndPoint()
    {
        Assert.IsType<IPEndPoint>(new ClusterEndpoint("127.0.0.1", 1).ToEndPoint());
        Assert.IsType<DnsEndPoint>(new ClusterEndpoint("localhost", 1).ToEndPoint());
    }
}
