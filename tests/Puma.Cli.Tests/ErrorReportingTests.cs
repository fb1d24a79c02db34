using Puma.Cli.Commands;

namespace Puma.Cli.Tests;

/// <summary>Every failure is one line, <c>puma: error: ...</c>, naming the culprit; <c>--verbose</c> adds the stack trace.</summary>
public class ErrorReportingTests
{
    [SkippableFact]
    public void TokenizerOfAnotherModelIsOneLineNamingTheTokenizer()
    {
        var model = SharedData.Path("models", "gpt2-sotu");
        var tokenizer = SharedData.Path("models", "bert-spam", "tokenizer.json");

        var outcome = Cli.Run("run", "--model", model, "--tokenizer", tokenizer, "--prompt", "Hello", "--max-tokens", "1", "--plaintext");

        Assert.Equal(1, outcome.ExitCode);
        var line = SingleErrorLine(outcome);
        Assert.Contains(tokenizer, line, StringComparison.Ordinal);
        Assert.Contains("50257", line, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void TokenizerThatIsADirectoryIsAUsageErrorOnTheOption()
    {
        var model = SharedData.Path("models", "stories260k-hf");
        using var folder = new TemporaryFolder();

        var outcome = Cli.Run("run", "--model", model, "--tokenizer", folder.Path, "--prompt", "Once");

        Assert.Equal(2, outcome.ExitCode);
        var line = SingleErrorLine(outcome);
        Assert.Contains("'--tokenizer'", line, StringComparison.Ordinal);
        Assert.Contains(folder.Path, line, StringComparison.Ordinal);
        Assert.Contains("not a directory", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "--prompt")]
    [InlineData("classify", "--text")]
    [InlineData("eval", "--data")]
    public void DirectoryAsTokenizerIsRefusedBeforeAnyModelIsRead(string command, string inputOption)
    {
        using var folder = new TemporaryFolder();

        var outcome = Cli.Run(command, inputOption, "x", "--model", folder.Path, "--tokenizer", folder.Path);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("'--tokenizer'", SingleErrorLine(outcome), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingModelDirectoryIsOneLineNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"puma-missing-{Guid.NewGuid():N}");

        var outcome = Cli.Run("run", "--model", missing, "--prompt", "x");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains(missing, SingleErrorLine(outcome), StringComparison.Ordinal);
    }

    [Fact]
    public void VerboseAddsTheStackTraceAfterTheErrorLine()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"puma-missing-{Guid.NewGuid():N}");

        var outcome = Cli.Run("run", "--verbose", "--model", missing, "--prompt", "x");

        Assert.Equal(1, outcome.ExitCode);
        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("puma: error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.TrimStart().StartsWith("at Puma.Cli.", StringComparison.Ordinal));
    }

    /// <summary>The catch-all: an exception no reader anticipated is still one line, exit 1, and says it is internal.</summary>
    [Fact]
    public void UnexpectedExceptionIsOneInternalErrorLine()
    {
        var (exitCode, message) = FailureReport.Describe(new ArgumentOutOfRangeException("token", "token 50257 is outside\nthe vocabulary"));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("internal error (ArgumentOutOfRangeException): ", message, StringComparison.Ordinal);
        Assert.Contains("--verbose", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void PartyFailureWrappedByTheRunnerIsReportedByItsOwnMessage()
    {
        var inner = new IOException("party 2: connection reset");

        var (exitCode, message) = FailureReport.Describe(new AggregateException(inner));

        Assert.Equal(1, exitCode);
        Assert.Equal("party 2: connection reset", message);
    }

    private static string SingleErrorLine(Cli.Outcome outcome)
    {
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("puma: error: ", line, StringComparison.Ordinal);
        return line;
    }
}
