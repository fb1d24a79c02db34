using Puma.Models.Checkpoints;
using Puma.Models.Reference;

namespace Puma.Serving.Tests;

/// <summary>What a greedy generation should give, and the ids a served one gave.</summary>
internal static class Greedy
{
    /// <summary>Greedy generation by the plaintext reference.</summary>
    public static int[] Reference(Gpt2Weights weights, int[] prompt, int count)
    {
        var reference = new Gpt2Reference(weights);
        var vocab = weights.Config.VocabSize;
        var ids = prompt.ToList();
        for (var step = 0; step < count; step++)
        {
            var logits = reference.Logits([.. ids])[^vocab..];
            ids.Add(Array.IndexOf(logits, logits.Max()));
        }
        return [.. ids.Skip(prompt.Length)];
    }

    public static async Task<int[]> Collect(IAsyncEnumerable<int> tokens)
    {
        var ids = new List<int>();
        await foreach (var id in tokens) ids.Add(id);
        return [.. ids];
    }
}
