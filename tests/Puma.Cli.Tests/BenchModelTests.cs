using System.Text.Json;
using Puma.Cli.Benchmarks;
using Puma.Cli.Output;
using Puma.Models.Bundles;
using Puma.Models.Progress;
using Puma.Models.Synthetic;
using Puma.Models.Tests.Synthetic;
using Puma.Protocols.Runtime;

namespace Puma.Cli.Tests;

/// <summary>
/// <c>puma bench model</c>: its options, and a request of a tiny shape through the same runner (the
/// published shapes take minutes and gigabytes, so they are measured in perf/, not here).
/// </summary>
public sealed class BenchModelTests : IDisposable
{
    private readonly TemporaryFolder _cache = new();

    public void Dispose() => _cache.Dispose();

    [Theory]
    [InlineData(TransportKind.InProcess, "inproc", ModelFamilies.Gpt2)]
    [InlineData(TransportKind.Tcp, "tcp", ModelFamilies.Llama)]
    [InlineData(TransportKind.InProcess, "inproc", ModelFamilies.Bert)]
    public void ARequestReportsEveryFieldWithBytesAndMemoryPerParty(TransportKind transport, string name, string family)
    {
        var shape = TinyShapes.Of(family);
        var newTokens = shape.Generates ? 2 : 0;
        var folder = SyntheticBundle.Ensure(_cache.Path, shape, 18);

        var outcome = ModelBenchmark.Run(new ModelBenchmark.Request(shape, 5, newTokens, 1, 3, name, long.MaxValue), folder,
            new RunOptions { Transport = transport }, new Progress<ProgressStep>());
        var result = outcome.Result;

        Assert.Equal("random", result.Weights);
        Assert.Equal(SyntheticBundle.Parameters(shape, 18), result.Parameters);
        Assert.Equal(3, result.SecondsRuns.Length);
        Assert.Equal(result.SecondsRuns.Order().ElementAt(1), result.Seconds);
        Assert.InRange(result.SecondsFirstToken, double.Epsilon, result.Seconds);
        Assert.Equal(3, result.BytesPerParty.Length);
        Assert.All(result.BytesPerParty, bytes => Assert.True(bytes > 0));
        Assert.Equal(result.BytesPerParty.Sum(), result.BytesTotal);
        Assert.True(result.Rounds > 0);
        Assert.All(result.PeakRssBytesPerParty, bytes => Assert.True(bytes > 0));
        Assert.InRange(result.BundleBytesOnDisk, result.Parameters * sizeof(ulong), result.Parameters * sizeof(ulong) + 64 * 64);
        Assert.Equal([2 * result.Parameters * sizeof(ulong), result.Parameters * sizeof(ulong), result.Parameters * sizeof(ulong)], result.ResidentWeightBytesPerParty);
        Assert.NotEmpty(result.Operators);
        Assert.Equal(result.Operators.OrderByDescending(op => op.Seconds).Select(op => op.Name), result.Operators.Select(op => op.Name));

        var output = new StringWriter();
        Json.Write(output, [result]);
        using var json = JsonDocument.Parse(output.ToString());
        var item = json.RootElement[0];
        foreach (var field in new[] { "seconds", "seconds_first_token", "bytes_total", "bytes_per_party", "rounds", "peak_rss_bytes_per_party", "resident_weight_bytes_per_party", "operators", "weights" })
            Assert.True(item.TryGetProperty(field, out _), $"the JSON lacks {field}: {item}");
    }

    [Fact]
    public void SeveralRunsReportOneRequestsBytesAndRoundsNotTheirSum()
    {
        var shape = TinyShapes.Of(ModelFamilies.Gpt2);
        var folder = SyntheticBundle.Ensure(_cache.Path, shape, 18);
        ModelBenchResult Bench(int runs) => ModelBenchmark.Run(new ModelBenchmark.Request(shape, 3, 1, 1, runs, "inproc", ResidentWeightBytes: 0), folder,
            RunOptions.Default, new Progress<ProgressStep>()).Result;

        var once = Bench(1);
        var thrice = Bench(3);

        Assert.Equal(once.BytesPerParty, thrice.BytesPerParty);
        Assert.Equal(once.Rounds, thrice.Rounds);
        Assert.Equal([0L, 0L, 0L], thrice.ResidentWeightBytesPerParty);
    }

    [Theory]
    [InlineData("--shape", "gpt3", "--shape")]
    [InlineData("--shape", "bert-base", "--new-tokens", "2", "--new-tokens")]
    [InlineData("--shape", "gpt2-base", "--tokens", "1025", "--tokens")]
    [InlineData("--shape", "gpt2-base", "--tokens", "1020", "--new-tokens", "10", "--new-tokens")]
    [InlineData("--shape", "llama-7b", "--threads", "0", "--threads")]
    [InlineData("--shape", "gpt2-base", "--transport", "udp", "--transport")]
    [InlineData("--shape", "gpt2-base", "--resident-weights-mb", "lots", "--resident-weights-mb")]
    public void BadOptionsAreAOneLineUsageErrorNamingTheOption(params string[] argumentsThenOption)
    {
        var arguments = argumentsThenOption[..^1];
        var outcome = Cli.Run(["bench", "model", "--cache", _cache.Path, .. arguments]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"'{argumentsThenOption[^1]}'", outcome.Error, StringComparison.Ordinal);
        Assert.Single(outcome.Error.Trim().Split('\n'));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_cache.Path));
    }
}
