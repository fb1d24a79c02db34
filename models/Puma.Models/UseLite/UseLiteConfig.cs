using Puma.Models.Secure;

namespace Puma.Models.UseLite;

/// <summary>
/// Everything public the secure USE-Lite forward needs besides the weight shares: the shape, the
/// longest input, the timing signal's inverse timescales and the final L2 normalisation's ε. A
/// bundle's manifest carries it as the use-lite config, so parties and client need no checkpoint.
/// </summary>
public sealed record UseLiteConfig(UseLiteShape Shape, int MaxTokens, double[] InverseTimescales, double L2Epsilon)
{
    public static UseLiteConfig Of(UseLiteWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return new(UseLiteShape.Of(weights), weights.MaxTokens, weights.InverseTimescales, weights.L2Epsilon);
    }

    /// <summary>The public timing signal of <paramref name="tokens"/> positions (<see cref="UseLiteWeights.TimingSignal(int)"/>).</summary>
    public double[] TimingSignal(int tokens) => UseLiteWeights.TimingSignal(InverseTimescales, Shape.EmbeddingWidth, tokens);
}
