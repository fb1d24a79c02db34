using Puma.Cli.Demo;
using Puma.Protocols.Runtime;

namespace Puma.Cli.Tests;

public class DemoTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(40)]
    public void SecureResultsMatchPlaintextWithinTruncationError(int length)
    {
        var result = PrivateDotProduct.Run(length, new RunOptions { Transport = TransportKind.InProcess });

        Assert.Equal(length, result.SecureProduct.Length);
        Assert.True(result.MaxError <= result.Ulp, $"max error {result.MaxError} exceeds one ulp {result.Ulp}");
        Assert.NotEqual(0, result.PlainDot);
        Assert.Equal(3, result.Profiles.Count);
        Assert.All(result.Profiles, p => Assert.Contains(p, e => e.Name == "mul_trunc" && e.Rounds == 2));
    }

    [Fact]
    public void PrintsSecureResultNextToPlaintext()
    {
        var outcome = Cli.Run("demo", "--n", "4", "--transport", "tcp");

        Assert.Equal(0, outcome.ExitCode);
        var dotLine = outcome.Output.Split('\n').Single(l => l.StartsWith("dot(x, y):", StringComparison.Ordinal));
        var words = dotLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string plaintext = words[Array.IndexOf(words, "plaintext") + 1];
        string secure = words[Array.IndexOf(words, "secure") + 1];
        Assert.Equal(plaintext, secure);
        Assert.Contains("matmul_trunc", outcome.Output);
        Assert.Contains("P2", outcome.Output);
    }

    [Fact]
    public void RunsOnAnEmulatedWan()
    {
        var outcome = Cli.Run("demo", "--n", "4", "--net", "wan");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("emulating wan (400 Mbps, 40 ms round trip)", outcome.Output);
    }
}
