namespace Puma.Models.Secure;

/// <summary>
/// The weights of one USE-Lite layer (see <see cref="UseLite.UseLiteLayerWeights"/>); the query columns
/// carry 1/√headSize. A layer whose input is narrower than the model projects its residual
/// (<see cref="ResidualProjection"/>); the others add it as is.
/// </summary>
internal sealed record SecureUseLiteLayer(
    int Heads,
    SecureLayerNorm AttentionNorm,
    SecureDense QueryKeyValue,
    SecureDense AttentionOutput,
    SecureDense? ResidualProjection,
    SecureLayerNorm FeedForwardNorm,
    SecureDense FeedForwardIn,
    SecureDense FeedForwardOut)
{
    public int InputWidth => QueryKeyValue.Inputs;

    /// <summary>Holds the layer's weights for its step.</summary>
    public WeightGroup Weights { get; } = new([.. AttentionNorm.Tensors, .. QueryKeyValue.Tensors, .. AttentionOutput.Tensors, .. ResidualProjection?.Tensors ?? [],
        .. FeedForwardNorm.Tensors, .. FeedForwardIn.Tensors, .. FeedForwardOut.Tensors]);

    public AttentionHeads AttentionHeads => new(Heads, InputWidth / Heads);
}
