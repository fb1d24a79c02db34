namespace Puma.Models.Secure;

/// <summary>One GPT-2 block's shares.</summary>
internal sealed record SecureGpt2Layer(
    SecureLayerNorm Norm1,
    SecureDense QueryKeyValue,
    SecureDense AttentionOutput,
    SecureLayerNorm Norm2,
    SecureDense MlpUp,
    SecureDense MlpDown);
