namespace Puma.Models.Evaluation;

/// <summary>
/// Accuracy of the plaintext and (when run) the secure classifier on the same examples, their
/// agreement, the cosine between their logit vectors, and what each cost. Secure fields are
/// null on a plaintext-only run, plaintext ones on a secure-only run (a client of party
/// servers has no weights), and the comparisons unless both ran.
/// </summary>
public sealed record ClassificationResult(
    int Count,
    double? PlaintextAccuracy,
    double? SecureAccuracy,
    double? Agreement,
    double? CosineMin,
    double? CosineMean,
    TimeSpan? PlaintextTime,
    TimeSpan? SecureTime,
    long? SecureBytes);
