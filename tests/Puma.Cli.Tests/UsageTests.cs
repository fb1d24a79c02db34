namespace Puma.Cli.Tests;

public class UsageTests
{
    [Theory]
    [InlineData(new string[0], "no command")]
    [InlineData(new[] { "frobnicate" }, "'frobnicate'")]
    [InlineData(new[] { "bench" }, "needs a subcommand")]
    [InlineData(new[] { "bench", "gpu" }, "'gpu'")]
    [InlineData(new[] { "bench", "protocols", "--bogus" }, "'--bogus'")]
    [InlineData(new[] { "bench", "protocols", "--n", "abc" }, "'--n'")]
    [InlineData(new[] { "bench", "protocols", "--n", "0" }, "'--n'")]
    [InlineData(new[] { "bench", "protocols", "--n" }, "'--n'")]
    [InlineData(new[] { "bench", "protocols", "--n", "5", "--n", "6" }, "'--n'")]
    [InlineData(new[] { "bench", "protocols", "--transport", "udp" }, "'--transport'")]
    [InlineData(new[] { "bench", "protocols", "--only", "mul,softmax,erf" }, "'--only'")]
    [InlineData(new[] { "bench", "protocols", "--softmax-shape", "12x128x128" }, "'--softmax-shape'")]
    [InlineData(new[] { "bench", "protocols", "--layernorm-shape", "0x768" }, "'--layernorm-shape'")]
    [InlineData(new[] { "bench", "protocols", "--nonlinear-n", "0" }, "'--nonlinear-n'")]
    [InlineData(new[] { "bench", "accuracy", "--n", "5" }, "'--n'")]
    [InlineData(new[] { "bench", "kernels", "--shapes", "12x3" }, "'--shapes'")]
    [InlineData(new[] { "bench", "kernels", "--runs", "-1" }, "'--runs'")]
    [InlineData(new[] { "bench", "kernels", "--json=yes" }, "'--json'")]
    [InlineData(new[] { "demo", "extra" }, "'extra'")]
    [InlineData(new[] { "demo", "--net", "lan5" }, "'--net'")]
    [InlineData(new[] { "demo", "--net", "0,10" }, "'--net'")]
    [InlineData(new[] { "demo", "--net", "100,-5" }, "'--net'")]
    [InlineData(new[] { "bench", "protocols", "--net", "100" }, "'--net'")]
    [InlineData(new[] { "demo", "--profile", "/nonexistent/folder/p.json" }, "'--profile'")]
    public void BadArgumentsExitWithCode2AndNameTheCulprit(string[] args, string named)
    {
        var outcome = Cli.Run(args);

        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("puma: error: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line);
        Assert.Contains("--help", line);
        Assert.Equal("", outcome.Output);
    }

    [Theory]
    [InlineData(new[] { "--help" }, "bench protocols")]
    [InlineData(new[] { "-h" }, "demo")]
    [InlineData(new[] { "bench", "--help" }, "bench kernels")]
    [InlineData(new[] { "bench", "--help" }, "bench accuracy")]
    [InlineData(new[] { "bench", "accuracy", "--help" }, "--json")]
    [InlineData(new[] { "bench", "protocols", "--help" }, "--transport <KIND>")]
    [InlineData(new[] { "bench", "kernels", "--runs", "3", "-h" }, "--runs <R>")]
    [InlineData(new[] { "demo", "--help" }, "--n <N>")]
    public void HelpPrintsUsageAndSucceeds(string[] args, string expected)
    {
        var outcome = Cli.Run(args);

        Assert.Equal(0, outcome.ExitCode);
        Assert.StartsWith("Usage: puma", outcome.Output);
        Assert.Contains(expected, outcome.Output);
        Assert.Equal("", outcome.Error);
    }

    [Fact]
    public void OptionValueMayFollowAnEqualsSign()
    {
        var outcome = Cli.Run("bench", "protocols", "--n=5", "--runs=1", "--only=mul", "--json");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("\"n\": 5", outcome.Output);
    }
}
