namespace Puma.Cli.Tests;

/// <summary><c>--resident-weights-mb</c> is one option on the commands that load party bundles, and anything but a count of megabytes is a one-line usage error.</summary>
public class ResidentWeightsOptionTests
{
    [Theory]
    [InlineData("-1", "party", "--id", "0", "--bundle", "party0")]
    [InlineData("lots", "party", "--id", "1", "--bundle", "party1")]
    [InlineData("2.5", "bench", "model", "--shape", "gpt2-base")]
    public void AnythingButACountOfMegabytesIsAUsageError(string megabytes, params string[] command)
    {
        var outcome = Cli.Run([.. command, "--resident-weights-mb", megabytes]);

        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"option '--resident-weights-mb' expects an integer from 0 to", line, StringComparison.Ordinal);
        Assert.Contains($"got '{megabytes}'", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("party")]
    [InlineData("bench model")]
    public void EveryCommandThatLoadsPartyBundlesTakesIt(string command)
    {
        var outcome = Cli.Run([.. command.Split(' '), "--help"]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("--resident-weights-mb <N>", outcome.Output, StringComparison.Ordinal);
    }
}
