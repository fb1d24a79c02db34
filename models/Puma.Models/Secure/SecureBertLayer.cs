namespace Puma.Models.Secure;

/// <summary>One BERT encoder layer's weights, the query, key and value projections stacked into one; <see cref="Weights"/> holds them for the layer's step.</summary>
internal sealed record SecureBertLayer(
    SecureDense QueryKeyValue,
    SecureDense AttentionOutput,
    SecureLayerNorm AttentionNorm,
    SecureDense Intermediate,
    SecureDense Output,
    SecureLayerNorm OutputNorm)
{
    public WeightGroup Weights { get; } = new([.. QueryKeyValue.Tensors, .. AttentionOutput.Tensors, .. AttentionNorm.Tensors, .. Intermediate.Tensors, .. Output.Tensors, .. OutputNorm.Tensors]);
}
