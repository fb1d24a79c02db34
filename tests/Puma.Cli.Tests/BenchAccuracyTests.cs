using System.Text.Json;

namespace Puma.Cli.Tests;

/// <summary>
/// <c>puma bench accuracy</c> against the bounds documented in docs/ACCURACY.md (its table and its
/// "puma bench accuracy" section), each a little above the measured value because truncation is
/// probabilistic.
/// </summary>
public class BenchAccuracyTests
{
    /// <summary>Documented bounds: max abs, mean abs, max rel (where |reference| ≥ the floor).</summary>
    private static readonly Dictionary<string, (double MaxAbs, double MeanAbs, double MaxRel)> Bounds = new()
    {
        ["gelu"] = (0.0029, 0.00075, 0.0018),
        ["gelu_puma"] = (0.0205, 0.0019, 0.0085),
        ["silu"] = (3e-5, 1e-5, 1.2e-5),
        ["tanh"] = (0.0105, 0.0028, 0.042),
        ["sigmoid"] = (0.0052, 0.0019, 0.066),
        ["exp"] = (2.5e-5, 4e-6, 1.5e-4),
        ["exp_general"] = (2e-5 * Math.Exp(20), 50, 2e-5),
        ["reciprocal"] = (8e-5 * Math.ScaleB(1, 18), 0.2, 8e-5),
        ["rsqrt"] = (2e-5 * Math.ScaleB(1, 9), 5e-4, 2e-5),
        ["softmax"] = (1e-4, 3e-6, 1.5e-4),
        ["layernorm"] = (6e-5, 8e-6, 3e-5),
        ["rmsnorm"] = (6e-5, 8e-6, 3e-5),
    };

    private static readonly Lazy<JsonElement[]> Items = new(() =>
    {
        var outcome = Cli.Run("bench", "accuracy", "--json");
        Assert.Equal(0, outcome.ExitCode);
        return JsonDocument.Parse(outcome.Output).RootElement.EnumerateArray().ToArray();
    });

    [Fact]
    public void JsonHasOneObjectPerFunctionWithErrorsAndGrid()
    {
        Assert.Equal(Bounds.Keys, Items.Value.Select(i => i.GetProperty("name").GetString()));
        foreach (var item in Items.Value)
        {
            foreach (var field in new[] { "max_abs_error", "mean_abs_error", "max_rel_error", "rel_error_floor" })
                Assert.True(item.GetProperty(field).GetDouble() >= 0, $"{item} lacks {field}");
            var grid = item.GetProperty("grid");
            Assert.True(grid.GetProperty("from").GetDouble() < grid.GetProperty("to").GetDouble());
            Assert.True(grid.GetProperty("points").GetInt32() >= 1000);
            Assert.False(string.IsNullOrEmpty(grid.GetProperty("spacing").GetString()));
        }
    }

    [Fact]
    public void ErrorsAreWithinTheDocumentedBounds()
    {
        foreach (var item in Items.Value)
        {
            string name = item.GetProperty("name").GetString()!;
            var (maxAbs, meanAbs, maxRel) = Bounds[name];
            Assert.True(item.GetProperty("max_abs_error").GetDouble() <= maxAbs, $"{name}: {item}");
            Assert.True(item.GetProperty("mean_abs_error").GetDouble() <= meanAbs, $"{name}: {item}");
            Assert.True(item.GetProperty("max_rel_error").GetDouble() <= maxRel, $"{name}: {item}");
            Assert.True(item.GetProperty("max_abs_error").GetDouble() > 0, $"{name} is exact, which the fixed-point functions cannot be");
        }
    }

    [Fact]
    public void TableListsEveryFunction()
    {
        var outcome = Cli.Run("bench", "accuracy");

        Assert.Equal(0, outcome.ExitCode);
        Assert.All(Bounds.Keys, name => Assert.Contains(name, outcome.Output));
        Assert.Contains("max rel err", outcome.Output);
        Assert.Contains("step 2^-8", outcome.Output);
    }
}
