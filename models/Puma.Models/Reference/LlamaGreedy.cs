namespace Puma.Models.Reference;

/// <summary>Greedy (argmax) generation on the plaintext reference.</summary>
public static class LlamaGreedy
{
    /// <summary>
    /// Feeds <paramref name="promptIds"/> from position 0, then appends the most likely token
    /// <paramref name="count"/> times (ties go to the lowest id, as numpy's argmax does). No stop
    /// token: exactly <paramref name="count"/> ids come back, unless the context fills first.
    /// </summary>
    public static int[] Generate(LlamaWeights weights, ReadOnlySpan<int> promptIds, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var model = new LlamaReference(weights);
        var logits = model.Forward(promptIds);
        var generated = new List<int>(count);
        for (var step = 0; step < count; step++)
        {
            generated.Add(ArgMax(logits));
            if (step + 1 == count || model.Position == weights.Config.MaxSequenceLength) break;
            logits = model.Forward(generated[^1]);
        }
        return [.. generated];
    }

    /// <summary>Index of the largest value; the first one on ties.</summary>
    public static int ArgMax(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }
}
