using System.Text.Json;

namespace Puma.Cli.Tests;

public class BenchKernelsTests
{
    [Fact]
    public void JsonReportsEveryKernelWithItsRate()
    {
        var outcome = Cli.Run("bench", "kernels", "--runs", "1", "--shapes", "8x16x4", "--n", "1000", "--prg-mib", "1", "--threads", "3", "--json");

        Assert.Equal(0, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Output);
        var items = json.RootElement.EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
        string[] kernels = ["gemm_8x16x4", "ring_mul", "aes_ctr_fill"];
        Assert.Equal(kernels.SelectMany(k => new[] { $"{k}_threads_1", $"{k}_threads_3" }).Order(), items.Keys.Order());
        foreach (var (name, item) in items) Assert.Equal(name.EndsWith("_threads_1", StringComparison.Ordinal) ? 1 : 3, item.GetProperty("threads").GetInt32());
        Assert.Equal(8 * 16 * 4, items["gemm_8x16x4_threads_1"].GetProperty("n").GetInt64());
        Assert.Equal(1000, items["ring_mul_threads_3"].GetProperty("n").GetInt64());
        Assert.Equal(1 << 20, items["aes_ctr_fill_threads_3"].GetProperty("n").GetInt64());
        foreach (var item in items.Values)
        {
            double seconds = item.GetProperty("seconds").GetDouble();
            Assert.True(seconds > 0);
            Assert.Equal(item.GetProperty("n").GetInt64() / seconds, item.GetProperty("per_second").GetDouble(), 6);
        }
        var aes = items["aes_ctr_fill_threads_1"];
        Assert.Equal(aes.GetProperty("per_second").GetDouble() / 1e9, aes.GetProperty("gb_per_second").GetDouble(), 9);
    }
}
