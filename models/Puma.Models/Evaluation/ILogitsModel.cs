namespace Puma.Models.Evaluation;

/// <summary>
/// A language model that turns token sequences into logits the client can see: the plaintext reference,
/// or a secure forward that reveals its logits to the client. The evaluations compare two of
/// these on the same inputs, which keeps them testable without running the protocols.
/// </summary>
public interface ILogitsModel
{
    /// <summary>
    /// Logits for each of <paramref name="sequences"/>: the flattened [length, vocab] rows, row t
    /// following tokens 0..t (at least the first length − 1 rows).
    /// </summary>
    LogitsBatch Run(IReadOnlyList<int[]> sequences);
}
