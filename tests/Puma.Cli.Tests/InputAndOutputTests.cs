using Puma.Cli.Commands;

namespace Puma.Cli.Tests;

/// <summary>Empty input is a usage error; help shows only real defaults; --version; run says when the context is full.</summary>
public class InputAndOutputTests
{
    [Theory]
    [InlineData("classify", "--text", "")]
    [InlineData("classify", "--text", "   ")]
    [InlineData("run", "--prompt", "")]
    public void EmptyTextIsAUsageErrorOnItsOption(string command, string option, string text)
    {
        using var folder = new TemporaryFolder();

        var outcome = Cli.Run(command, "--model", folder.Path, option, text);

        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"'{option}' expects a non-empty text", line, StringComparison.Ordinal);
    }

    [Fact]
    public void OneEmptyTextAmongSeveralIsAUsageError()
    {
        var outcome = Cli.Run("embed", "--text", "How old are you?", "--text", " ", "--plaintext");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("'--text' expects a non-empty text, got ' '", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n")]
    public void EmptyDataFileIsAUsageError(string contents)
    {
        using var folder = new TemporaryFolder();
        var data = folder.File("empty.jsonl", contents);

        var outcome = Cli.Run("eval", "--model", folder.Path, "--data", data);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"'--data' expects a file with at least one example (this one is empty), got '{data}'", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("classify")]
    [InlineData("eval")]
    [InlineData("embed")]
    public void HelpPrintsNoEmptyDefaultAndListsVerbose(string command)
    {
        var outcome = Cli.Run(command, "--help");

        Assert.Equal(0, outcome.ExitCode);
        Assert.DoesNotContain("(default: )", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("--verbose", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionPrintsTheInformationalVersion()
    {
        var outcome = Cli.Run("--version");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal($"puma {PumaCommands.Version}", outcome.Output.TrimEnd());
        Assert.Matches(@"^\d+\.\d+\.\d+", PumaCommands.Version);
        Assert.Contains("--version", Cli.Run("--help").Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void RunSaysWhenGenerationStopsAtTheContextLength()
    {
        var model = SharedData.Path("models", "gpt2-sotu");
        var prompt = "The" + string.Concat(Enumerable.Repeat(" nation", 250));

        var outcome = Cli.Run("run", "--model", model, "--prompt", prompt, "--max-tokens", "20", "--plaintext");

        Assert.Equal(0, outcome.ExitCode);
        Assert.StartsWith(prompt, outcome.Output, StringComparison.Ordinal);
        Assert.Matches(@"run: stopped after \d of 20 tokens: the model's context length is 256 tokens and the prompt has 25\d\.", outcome.Error);
    }

    [SkippableFact]
    public void RunIsSilentWhenTheTokensFit()
    {
        var model = SharedData.Path("models", "gpt2-sotu");

        var outcome = Cli.Run("run", "--model", model, "--prompt", "The nation", "--max-tokens", "2", "--plaintext");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("", outcome.Error);
    }
}
