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

    /// <summary>This config, once its parts agree: a manifest is read from disk and may not.</summary>
    /// <exception cref="InvalidDataException">A part is missing, or the timing signal does not fit the embedding width.</exception>
    public UseLiteConfig Checked()
    {
        if (Shape is null || InverseTimescales is null) throw new InvalidDataException("the use-lite config lacks its shape or inverse timescales");
        if (2 * InverseTimescales.Length != Shape.EmbeddingWidth)
            throw new InvalidDataException($"{InverseTimescales.Length} inverse timescales do not make a timing signal {Shape.EmbeddingWidth} wide");
        if (MaxTokens < 1) throw new InvalidDataException($"a maximum of {MaxTokens} tokens");
        return this;
    }

    /// <summary>The public timing signal of <paramref name="tokens"/> positions (<see cref="UseLiteWeights.TimingSignal(int)"/>).</summary>
    public double[] TimingSignal(int tokens) => UseLiteWeights.TimingSignal(InverseTimescales, Shape.EmbeddingWidth, tokens);
}
