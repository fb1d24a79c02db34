using Puma.Models.Progress;

namespace Puma.Models.Evaluation;

/// <summary>
/// Runs the plaintext and the secure language model on the same windows, a batch at a time so
/// that only one batch of [length, vocab] logits is held at once, and scores both from their
/// logits in double on the client. Either model may be absent (a plaintext-only run; a client
/// without weights).
/// </summary>
public static class PerplexityEvaluation
{
    /// <param name="vocab">Logits per row.</param>
    /// <param name="batchSize">Windows per model call; a secure call shares the weights once per call.</param>
    /// <param name="progress">Hears <see cref="ProgressStages.Evaluating"/>: the windows scored so far, after each batch.</param>
    public static PerplexityResult Run(IReadOnlyList<int[]> windows, int vocab, ILogitsModel? plaintext, ILogitsModel? secure,
        int batchSize, IProgress<ProgressStep>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (plaintext is null && secure is null) throw new ArgumentException("No model to evaluate.", nameof(secure));
        if (windows.Count == 0) throw new ArgumentException("No windows to evaluate.", nameof(windows));
        var total = windows.Count;
        var (plainLoss, secureLoss, cosines) = (new PerplexityTally(), new PerplexityTally(), new CosineTally());
        var (plainCost, secureCost) = (new CostTally(), new CostTally());
        progress?.Report(new ProgressStep(ProgressStages.Evaluating, 0, total));
        for (var start = 0; start < windows.Count; start += batchSize)
        {
            var batch = windows.Skip(start).Take(batchSize).ToArray();
            var plain = plaintext is null ? null : Checked(plaintext.Run(batch), batch, vocab);
            if (plain is not null) plainCost.Add(plain);
            var shared = secure is null ? null : Checked(secure.Run(batch), batch, vocab);
            if (shared is not null) secureCost.Add(shared);
            for (var i = 0; i < batch.Length; i++)
            {
                var predicted = batch[i].Length - 1;
                if (plain is not null) plainLoss.Add(NextTokenLoss.WindowSum(plain.Rows[i], vocab, batch[i]), predicted);
                if (shared is not null) secureLoss.Add(NextTokenLoss.WindowSum(shared.Rows[i], vocab, batch[i]), predicted);
                if (plain is null || shared is null) continue;
                for (var t = 0; t < predicted; t++)
                    cosines.Add(plain.Rows[i].AsSpan(t * vocab, vocab), shared.Rows[i].AsSpan(t * vocab, vocab));
            }
            progress?.Report(new ProgressStep(ProgressStages.Evaluating, start + batch.Length, total));
        }
        var compared = plaintext is not null && secure is not null;
        return new PerplexityResult(windows.Count, plaintext is null ? secureLoss.Tokens : plainLoss.Tokens,
            plaintext is null ? null : plainLoss.Perplexity,
            secure is null ? null : secureLoss.Perplexity,
            compared ? cosines.Min : null,
            compared ? cosines.Mean : null,
            plaintext is null ? null : plainCost.Elapsed,
            secure is null ? null : secureCost.Elapsed,
            secure is null ? null : secureCost.BytesSent);
    }

    private static LogitsBatch Checked(LogitsBatch batch, int[][] windows, int vocab)
    {
        if (batch.Rows.Count != windows.Length)
            throw new InvalidOperationException($"The model returned logits for {batch.Rows.Count} of {windows.Length} windows.");
        for (var i = 0; i < windows.Length; i++)
        {
            if (batch.Rows[i].Length < (windows[i].Length - 1) * vocab)
                throw new InvalidOperationException($"Window {i} has {batch.Rows[i].Length} logits; {windows[i].Length - 1} rows of {vocab} are needed.");
        }
        return batch;
    }
}
