using Puma.Models.UseLite;

namespace Puma.Models.Secure;

/// <summary>The public shape of USE-Lite that every party knows: it sizes the shares the model owner deals (and carries the LayerNorms' ε).</summary>
public sealed record UseLiteShape(int VocabularyRows, int EmbeddingWidth, int Width, int HiddenWidth, int Heads, int[] LayerInputWidths, double NormEpsilon)
{
    public static UseLiteShape Of(UseLiteWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return new(weights.VocabularyRows, weights.EmbeddingWidth, weights.Width, weights.HiddenWidth, weights.Layers[0].Heads,
            [.. weights.Layers.Select(layer => layer.InputWidth)], weights.NormEpsilon);
    }
}
