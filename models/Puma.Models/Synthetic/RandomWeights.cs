using Puma.Models.Bundles;

namespace Puma.Models.Synthetic;

/// <summary>
/// Random weights of a freshly initialised Transformer, computed chunk by chunk from the tensor's
/// name and the element index, so a tensor of any size is never whole in memory and the same
/// shape always gets the same weights. Matrices and biases are uniform with standard deviation
/// 0.02 (GPT-2's and BERT's initialisation); normalisation gains are 1, as at initialisation, so
/// activations keep the ranges of a real model and the fixed-point protocols see realistic inputs.
/// </summary>
public static class RandomWeights
{
    private const double StandardDeviation = 0.02;

    /// <summary>Half-width of the uniform distribution with <see cref="StandardDeviation"/>.</summary>
    private static readonly double HalfWidth = StandardDeviation * Math.Sqrt(3);

    public static BundleWriter.PlaintextChunks For(RecordedTensor tensor)
    {
        if (IsNormGain(tensor)) return (_, destination) => destination.Fill(1.0);
        var stream = Stream(tensor.Name);
        return (start, destination) =>
        {
            for (var i = 0; i < destination.Length; i++)
            {
                var bits = SplitMix64(stream + (ulong)(start + i));
                destination[i] = ((bits >> 11) * (1.0 / (1UL << 53)) * 2 - 1) * HalfWidth;
            }
        };
    }

    /// <summary>LayerNorm's γ (NAME.gamma) and RMSNorm's weight (LLaMA's *norm tensors).</summary>
    private static bool IsNormGain(RecordedTensor tensor)
        => tensor.Shape.Length == 1 && (tensor.Name.EndsWith(".gamma", StringComparison.Ordinal) || tensor.Name.EndsWith("norm", StringComparison.Ordinal));

    /// <summary>A per-tensor offset into SplitMix64's sequence, from a stable hash of the name.</summary>
    private static ulong Stream(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in name) hash = (hash ^ c) * 1099511628211UL;
        return SplitMix64(hash) << 32;
    }

    /// <summary>SplitMix64's output function: a counter-based generator, so any chunk can be computed on its own.</summary>
    private static ulong SplitMix64(ulong counter)
    {
        var z = counter * 0x9E3779B97F4A7C15UL + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
