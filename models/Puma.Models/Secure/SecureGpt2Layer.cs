namespace Puma.Models.Secure;

/// <summary>One GPT-2 block's weights; <see cref="Weights"/> holds them for the block's step.</summary>
internal sealed record SecureGpt2Layer(
    SecureLayerNorm Norm1,
    SecureDense QueryKeyValue,
    SecureDense AttentionOutput,
    SecureLayerNorm Norm2,
    SecureDense MlpUp,
    SecureDense MlpDown)
{
    public WeightGroup Weights { get; } = new([.. Norm1.Tensors, .. QueryKeyValue.Tensors, .. AttentionOutput.Tensors, .. Norm2.Tensors, .. MlpUp.Tensors, .. MlpDown.Tensors]);
}
