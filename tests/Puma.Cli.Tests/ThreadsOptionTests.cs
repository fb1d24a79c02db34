namespace Puma.Cli.Tests;

/// <summary><c>--threads</c> is one option on every command that runs parties, and below 1 it is a one-line usage error.</summary>
public class ThreadsOptionTests
{
    [Theory]
    [InlineData("0", "bench", "kernels")]
    [InlineData("-2", "bench", "protocols")]
    [InlineData("0", "demo")]
    [InlineData("-1", "embed", "--text", "hello")]
    [InlineData("0", "party", "--id", "0", "--bundle", "party0")]
    public void BelowOneIsAUsageError(string threads, params string[] command)
    {
        var outcome = Cli.Run([.. command, "--threads", threads]);

        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"option '--threads' expects an integer from 1 to 4,096, got '{threads}'", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("classify")]
    [InlineData("eval")]
    [InlineData("embed")]
    [InlineData("demo")]
    [InlineData("party")]
    [InlineData("bench protocols")]
    [InlineData("bench kernels")]
    public void EveryCommandThatRunsPartiesTakesIt(string command)
    {
        var outcome = Cli.Run([.. command.Split(' '), "--help"]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("--threads <N>", outcome.Output, StringComparison.Ordinal);
    }
}
