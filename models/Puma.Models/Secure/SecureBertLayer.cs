namespace Puma.Models.Secure;

/// <summary>One BERT encoder layer's shares; the query, key and value projections stacked into one.</summary>
internal sealed record SecureBertLayer(
    SecureDense QueryKeyValue,
    SecureDense AttentionOutput,
    SecureLayerNorm AttentionNorm,
    SecureDense Intermediate,
    SecureDense Output,
    SecureLayerNorm OutputNorm);
