namespace Puma.Models.Evaluation;

/// <summary>What one <see cref="ILogitsModel.Run"/> call produced and cost.</summary>
/// <param name="Rows">One array per input sequence, in input order (shape: see <see cref="ILogitsModel"/>).</param>
/// <param name="Elapsed">Wall time of the whole call, sharing the model included for a secure one.</param>
/// <param name="BytesSent">Bytes party 0 sent; 0 for plaintext.</param>
public sealed record LogitsBatch(IReadOnlyList<double[]> Rows, TimeSpan Elapsed, long BytesSent);
