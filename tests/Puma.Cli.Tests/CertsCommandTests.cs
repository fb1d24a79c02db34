using Puma.Transport;

namespace Puma.Cli.Tests;

public class CertsCommandTests
{
    private static readonly string[] Parties = ["--party", "127.0.0.1:7001", "--party", "127.0.0.1:7002", "--party", "[::1]:7003"];

    [Fact]
    public void WritesLoadableClusterWithAllCredentials()
    {
        using var folder = new TemporaryFolder();

        var outcome = Cli.Run(["certs", "--out", folder.Path, .. Parties]);

        Assert.Equal(0, outcome.ExitCode);
        var cluster = ClusterFile.Load(Path.Combine(folder.Path, "cluster.json"));
        Assert.Equal(["127.0.0.1:7001", "127.0.0.1:7002", "[::1]:7003"], cluster.Parties.Select(p => p.Endpoint!.ToString()));
        Assert.Equal(Protocols.Core.ProtocolVersion.Current, cluster.ProtocolVersion);
        foreach (var member in cluster.Parties.Append(cluster.Client))
        {
            Assert.Contains(member.CertificateSha256, outcome.Output);
            using var certificate = cluster.LoadCertificate(member.Id);
            Assert.True(certificate.HasPrivateKey);
        }
    }

    [Fact]
    public void RefusesToOverwriteKeysUnlessForced()
    {
        using var folder = new TemporaryFolder();
        Cli.Run(["certs", "--out", folder.Path, .. Parties]);
        string before = File.ReadAllText(Path.Combine(folder.Path, "party0.key"));

        var refused = Cli.Run(["certs", "--out", folder.Path, .. Parties]);
        Assert.Equal(before, File.ReadAllText(Path.Combine(folder.Path, "party0.key")));
        var forced = Cli.Run(["certs", "--out", folder.Path, "--force", .. Parties]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--force", refused.Error);
        Assert.Equal(0, forced.ExitCode);
        Assert.NotEqual(before, File.ReadAllText(Path.Combine(folder.Path, "party0.key")));
    }

    [Theory]
    [InlineData(new[] { "certs", "--party", "a:1", "--party", "b:2", "--party", "c:3" }, "'--out'")]
    [InlineData(new[] { "certs", "--out", "x", "--party", "a:1", "--party", "b:2" }, "'--party' must be given 3 times")]
    [InlineData(new[] { "certs", "--out", "x", "--party", "a:1", "--party", "b", "--party", "c:3" }, "party 1 expects HOST:PORT")]
    [InlineData(new[] { "certs", "--out", "x", "--party", "a:1", "--party", "b:2", "--party", "c:70000" }, "party 2 expects a port")]
    public void BadArgumentsAreUsageErrorsNamingTheOption(string[] args, string named)
    {
        var outcome = Cli.Run(args);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(named, outcome.Error);
        Assert.Equal("", outcome.Output);
    }
}
