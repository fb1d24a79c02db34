using System.Text.Json;

namespace Puma.Cli.Tests;

/// <summary><c>puma share</c>: the folders it writes, what they hold, and its one-line errors.</summary>
public sealed class ShareCommandTests
{
    [SkippableFact]
    public void SharesALlama2cModelIntoThreePartyFoldersAndAClientFolder()
    {
        using var folder = new TemporaryFolder();
        var output = System.IO.Path.Combine(folder.Path, "bundles");

        var outcome = Cli.Run("share", "--model", SharedData.Path("models", "stories260k"), "--out", output, "--json");

        Assert.Equal(0, outcome.ExitCode);
        var report = JsonDocument.Parse(outcome.Output).RootElement[0];
        Assert.Equal("llama", report.GetProperty("family").GetString());
        var parameters = report.GetProperty("parameters").GetInt64();
        var partyBytes = report.GetProperty("party_bytes").EnumerateArray().Select(bytes => bytes.GetInt64()).ToArray();
        Assert.InRange(partyBytes[0], 1, 64 << 10);
        Assert.All(partyBytes[1..], bytes => Assert.InRange(bytes, 8 * parameters, 8 * parameters + (64 << 10)));
        Assert.True(File.Exists(System.IO.Path.Combine(output, "client", "manifest.json")));
        Assert.False(File.Exists(System.IO.Path.Combine(output, "client", "component2.bin")));
        Assert.False(File.Exists(System.IO.Path.Combine(output, "client", "seeds.bin")));
    }

    [Fact]
    public void AFolderThatIsNotEmptyIsOneClearError()
    {
        using var folder = new TemporaryFolder();
        var model = System.IO.Path.Combine(folder.Path, "model");
        Directory.CreateDirectory(model);
        folder.File("model/config.json", """{"model_type": "gpt2", "vocab_size": 5, "n_positions": 4, "n_embd": 4, "n_layer": 1, "n_head": 1}""");
        folder.File("taken.txt", "mine");

        var outcome = Cli.Run("share", "--model", model, "--out", folder.Path);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("puma: error: option '--out'", outcome.Error);
    }

    [Fact]
    public void MissingOptionsAreUsageErrors()
    {
        Assert.Equal(2, Cli.Run("share", "--out", "x").ExitCode);
        Assert.Equal(2, Cli.Run("share", "--model", "x").ExitCode);
    }
}
