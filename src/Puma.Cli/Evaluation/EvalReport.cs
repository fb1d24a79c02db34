using Puma.Models.Evaluation;

namespace Puma.Cli.Evaluation;

/// <summary>
/// What <c>puma eval</c> prints: plaintext and secure metrics side by side. Perplexity fields
/// are set for language models, accuracy and agreement for classifiers (fractions of 1), only
/// the cosines for sentence embeddings, secure
/// fields unless <c>--plaintext-only</c>, plaintext ones unless run embedded (<c>puma client
/// eval</c> has no weights); absent ones are left out of the JSON.
/// </summary>
/// <param name="N">Files (language model), examples (classifier) or sentences (embeddings) evaluated.</param>
/// <param name="Windows">Token windows scored (language model).</param>
/// <param name="Tokens">Tokens predicted over all windows (language model).</param>
/// <param name="CosineMin">Smallest cosine between a plaintext and the secure logit row (embedding, for USE-Lite).</param>
/// <param name="BytesSecure">Bytes party 0 sent during the secure runs; for USE-Lite, what all three parties sent (weights included).</param>
internal sealed record EvalReport(
    string Model,
    string Kind,
    string Data,
    int N,
    int? Windows,
    long? Tokens,
    double? PerplexityPlaintext,
    double? PerplexitySecure,
    double? AccuracyPlaintext,
    double? AccuracySecure,
    double? Agreement,
    double? CosineMin,
    double? CosineMean,
    double? SecondsPlaintext,
    double? SecondsSecure,
    long? BytesSecure)
{
    public static EvalReport From(string model, string kind, string data, int files, PerplexityResult result) => new(
        model, kind, data, files, result.Windows, result.Tokens,
        result.Plaintext, result.Secure, null, null, null,
        result.CosineMin, result.CosineMean,
        result.PlaintextTime?.TotalSeconds, result.SecureTime?.TotalSeconds, result.SecureBytes);

    public static EvalReport From(string model, string kind, string data, ClassificationResult result) => new(
        model, kind, data, result.Count, null, null,
        null, null, result.PlaintextAccuracy, result.SecureAccuracy, result.Agreement,
        result.CosineMin, result.CosineMean,
        result.PlaintextTime?.TotalSeconds, result.SecureTime?.TotalSeconds, result.SecureBytes);
}
