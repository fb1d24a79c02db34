using System.Text.Json;

namespace Puma.Cli.Tests;

public class BenchProtocolsTests
{
    private static readonly string[] Fields =
    [
        "name", "n", "seconds", "per_second", "bytes_per_element_per_party", "rounds",
        "declared_bytes_per_element_per_party", "declared_rounds",
    ];

    [Theory]
    [InlineData("inproc")]
    [InlineData("tcp")]
    public void JsonListsEveryProtocolWithMeasuredCostEqualToDeclared(string transport)
    {
        var outcome = Cli.Run("bench", "protocols", "--n", "3001", "--nonlinear-n", "300", "--softmax-shape", "3x16", "--layernorm-shape", "2x24",
            "--runs", "2", "--shapes", "4x8x5,1x7x1", "--transport", transport, "--json");

        Assert.Equal(0, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Output);
        var items = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(
            ["mul", "trunc", "mul_trunc", "and", "matmul_4x8x5", "matmul_1x7x1", "matmul_trunc_4x8x5", "matmul_trunc_1x7x1",
             "lt", "select", "max", "exp", "exp_general", "reciprocal", "rsqrt", "relu", "gelu", "silu", "softmax", "layernorm"],
            items.Select(i => i.GetProperty("name").GetString()));
        foreach (var item in items)
        {
            Assert.All(Fields, f => Assert.True(item.TryGetProperty(f, out _), $"{item} lacks {f}"));
            Assert.Equal(item.GetProperty("declared_rounds").GetInt64(), item.GetProperty("rounds").GetInt64());
            Assert.Equal(item.GetProperty("declared_bytes_per_element_per_party").GetDouble(), item.GetProperty("bytes_per_element_per_party").GetDouble(), 9);
            Assert.True(item.GetProperty("seconds").GetDouble() > 0);
            Assert.True(item.GetProperty("per_second").GetDouble() > 0);
        }
        var n = items.ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("n").GetInt64());
        Assert.Equal(3001, n["mul"]);
        Assert.Equal(20, n["matmul_4x8x5"]);
        Assert.Equal(300, n["lt"]);
        Assert.Equal(300, n["gelu"]);
        Assert.Equal(2 * 128, n["max"]);
        Assert.Equal(300 / 16, n["reciprocal"]);
        Assert.Equal(3 * 16, n["softmax"]);
        Assert.Equal(2 * 24, n["layernorm"]);
    }

    [Fact]
    public void EmulatedLanPrintsTheUsualJsonWithUnchangedCosts()
    {
        var outcome = Cli.Run("bench", "protocols", "--n", "1000", "--nonlinear-n", "100", "--runs", "1", "--only", "mul_trunc,lt", "--net", "lan", "--json");

        Assert.Equal(0, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Output);
        var items = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["mul_trunc", "lt"], items.Select(i => i.GetProperty("name").GetString()));
        foreach (var item in items)
        {
            Assert.All(Fields, f => Assert.True(item.TryGetProperty(f, out _), $"{item} lacks {f}"));
            Assert.Equal(item.GetProperty("declared_rounds").GetInt64(), item.GetProperty("rounds").GetInt64());
            Assert.Equal(item.GetProperty("declared_bytes_per_element_per_party").GetDouble(), item.GetProperty("bytes_per_element_per_party").GetDouble(), 9);
            Assert.Equal("lan", item.GetProperty("network").GetString());
            // Every round waits at least the 0.5 ms one-way delay of PUMA's LAN.
            Assert.True(item.GetProperty("seconds").GetDouble() >= item.GetProperty("rounds").GetInt64() * 0.5e-3);
        }
    }

    [Fact]
    public void NonlinearDefaultsAreBertBaseShapes()
    {
        var outcome = Cli.Run("bench", "protocols", "--help");

        Assert.Contains("(default: 100000)", outcome.Output);
        Assert.Contains("1536x128", outcome.Output);
        Assert.Contains("128x768", outcome.Output);
    }

    [Fact]
    public void OnlyRestrictsTheProtocols()
    {
        var outcome = Cli.Run("bench", "protocols", "--n", "10", "--nonlinear-n", "10", "--softmax-shape", "1x8", "--runs", "1", "--only", "and,trunc,softmax,lt", "--json");

        using var json = JsonDocument.Parse(outcome.Output);
        Assert.Equal(["trunc", "and", "lt", "softmax"], json.RootElement.EnumerateArray().Select(i => i.GetProperty("name").GetString()));
    }

    [Fact]
    public void TableShowsMeasuredAndDeclaredCost()
    {
        var outcome = Cli.Run("bench", "protocols", "--n", "300", "--runs", "1", "--only", "mul_trunc");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("mul_trunc", outcome.Output);
        Assert.Contains("21.3 [21.3]", outcome.Output);
        Assert.Contains("2 [2]", outcome.Output);
    }
}
