using System.Diagnostics;
using Puma.Models.Reference;

namespace Puma.Cli.Generation;

/// <summary>
/// Greedy generation on the plaintext GPT-2 reference: each step runs the forward over the
/// whole sequence so far (the reference keeps no KV cache) and appends the argmax of the last
/// row. It stops after <c>count</c> tokens, or when the next step would exceed the context.
/// </summary>
internal static class Gpt2Greedy
{
    /// <returns>The generated ids and the milliseconds each took.</returns>
    public static (int[] Ids, double[] Milliseconds) Generate(Gpt2Weights weights, int[] promptIds, int count, Action<int> onToken)
    {
        var model = new Gpt2Reference(weights);
        var width = weights.Config.Width;
        var sequence = new List<int>(promptIds);
        var (ids, times) = (new List<int>(count), new List<double>(count));
        var clock = Stopwatch.StartNew();
        for (var step = 0; step < count; step++)
        {
            var hidden = model.FinalHidden(sequence.ToArray());
            var token = LlamaGreedy.ArgMax(model.LogitsOf(hidden.AsSpan((sequence.Count - 1) * width, width)));
            times.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            ids.Add(token);
            onToken(token);
            sequence.Add(token);
            if (sequence.Count > weights.Config.ContextLength) break;
        }
        return ([.. ids], [.. times]);
    }
}
