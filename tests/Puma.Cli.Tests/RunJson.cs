using System.Text.Json;

namespace Puma.Cli.Tests;

/// <summary>Fields of the <c>--json</c> reports of <c>run</c>, <c>classify</c> and their <c>client</c> forms.</summary>
internal static class RunJson
{
    /// <summary>The generated ids of the first report of <c>run --json</c> or <c>client run --json</c>.</summary>
    public static int[] GeneratedIds(string output) => Numbers(output, "generated_ids").Select(id => (int)id).ToArray();

    /// <summary>The array <paramref name="field"/> of the first report (e.g. <c>logits</c>, <c>logits_secure</c>).</summary>
    public static double[] Numbers(string output, string field)
    {
        using var document = JsonDocument.Parse(output);
        return [.. document.RootElement[0].GetProperty(field).EnumerateArray().Select(value => value.GetDouble())];
    }
}
