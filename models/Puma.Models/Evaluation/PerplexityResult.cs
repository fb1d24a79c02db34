namespace Puma.Models.Evaluation;

/// <summary>
/// Perplexity of the plaintext and (when run) the secure model on the same windows, the cosine
/// between their logit rows, and what each cost. Secure fields are null on a plaintext-only run,
/// plaintext ones on a secure-only run (a client of party servers has no weights), and the
/// cosines unless both ran.
/// </summary>
/// <param name="Tokens">Predicted tokens: window length − 1, summed over the windows.</param>
public sealed record PerplexityResult(
    int Windows,
    long Tokens,
    double? Plaintext,
    double? Secure,
    double? CosineMin,
    double? CosineMean,
    TimeSpan? PlaintextTime,
    TimeSpan? SecureTime,
    long? SecureBytes);
