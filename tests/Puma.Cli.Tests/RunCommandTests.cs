using System.Text.Json;

namespace Puma.Cli.Tests;

public class RunCommandTests
{
    [SkippableFact]
    public void SecureRunGeneratesThePlaintextTokens()
    {
        var model = SharedData.Path("models", "stories260k");

        var secure = Cli.Run("run", "--model", model, "--prompt", "Once upon a time", "--max-tokens", "6", "--json");
        var plain = Cli.Run("run", "--model", model, "--prompt", "Once upon a time", "--max-tokens", "6", "--json", "--plaintext");

        Assert.Equal(0, secure.ExitCode);
        Assert.Equal(0, plain.ExitCode);
        var (secureIds, secureText) = Generated(secure.Output);
        var (plainIds, plainText) = Generated(plain.Output);
        Assert.Equal(6, secureIds.Length);
        Assert.Equal(plainIds, secureIds);
        Assert.Equal(plainText, secureText);
    }

    [SkippableFact]
    public void StreamedTextContinuesThePrompt()
    {
        var model = SharedData.Path("models", "stories260k");

        var outcome = Cli.Run("run", "--model", model, "--prompt", "Once upon a time", "--max-tokens", "4", "--plaintext");

        Assert.Equal(0, outcome.ExitCode);
        Assert.StartsWith("Once upon a time", outcome.Output, StringComparison.Ordinal);
        Assert.True(outcome.Output.TrimEnd().Length > "Once upon a time".Length);
    }

    [Fact]
    public void MissingModelDirectoryFails()
    {
        var outcome = Cli.Run("run", "--model", Path.Combine(Path.GetTempPath(), $"puma-missing-{Guid.NewGuid():N}"), "--prompt", "x");
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("does not exist", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelIsRequired()
    {
        var outcome = Cli.Run("run", "--prompt", "x");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--model", outcome.Error, StringComparison.Ordinal);
    }

    private static (int[] Ids, string Text) Generated(string json)
    {
        using var document = JsonDocument.Parse(json);
        var report = document.RootElement[0];
        return ([.. report.GetProperty("generated_ids").EnumerateArray().Select(id => id.GetInt32())], report.GetProperty("text").GetString()!);
    }
}
