using System.Text.Json;

namespace Puma.Cli.Tests;

public class BenchKernelsTests
{
    [Fact]
    public void JsonReportsEveryKernelWithItsRate()
    {
        var outcome = Cli.Run("bench", "kernels", "--runs", "1", "--shapes", "8x16x4", "--n", "1000", "--prg-mib", "1", "--json");

        Assert.Equal(0, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Output);
        var items = json.RootElement.EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
        string allThreads = $"gemm_8x16x4_threads_{Environment.ProcessorCount}";
        Assert.Equal(new[] { "gemm_8x16x4_threads_1", allThreads, "ring_mul", "aes_ctr_fill" }.Distinct(), items.Keys);
        Assert.Equal(8 * 16 * 4, items["gemm_8x16x4_threads_1"].GetProperty("n").GetInt64());
        Assert.Equal(1, items["gemm_8x16x4_threads_1"].GetProperty("threads").GetInt32());
        Assert.Equal(Environment.ProcessorCount, items[allThreads].GetProperty("threads").GetInt32());
        Assert.Equal(1000, items["ring_mul"].GetProperty("n").GetInt64());
        Assert.Equal(1 << 20, items["aes_ctr_fill"].GetProperty("n").GetInt64());
        foreach (var item in items.Values)
        {
            double seconds = item.GetProperty("seconds").GetDouble();
            Assert.True(seconds > 0);
            Assert.Equal(item.GetProperty("n").GetInt64() / seconds, item.GetProperty("per_second").GetDouble(), 6);
        }
        Assert.Equal(items["aes_ctr_fill"].GetProperty("per_second").GetDouble() / 1e9, items["aes_ctr_fill"].GetProperty("gb_per_second").GetDouble(), 9);
    }
}
