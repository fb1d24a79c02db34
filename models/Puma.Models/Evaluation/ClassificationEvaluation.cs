using Puma.Models.Progress;
using Puma.Models.Tokenizers;

namespace Puma.Models.Evaluation;

/// <summary>
/// Runs the plaintext and the secure classifier on the same token sequences, a batch at a
/// time, and compares each prediction (argmax of the revealed logits) with the label and with
/// each other. Either model may be absent (a plaintext-only run; a client without weights).
/// </summary>
public static class ClassificationEvaluation
{
    /// <param name="batchSize">Examples per model call; a secure call shares the weights once per call.</param>
    /// <param name="progress">Hears <see cref="ProgressStages.Evaluating"/>: the examples scored so far, after each batch.</param>
    public static ClassificationResult Run(IReadOnlyList<EncodedText> inputs, IReadOnlyList<int> labels, IClassifierModel? plaintext, IClassifierModel? secure,
        int batchSize, IProgress<ProgressStep>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (plaintext is null && secure is null) throw new ArgumentException("No model to evaluate.", nameof(secure));
        if (inputs.Count == 0) throw new ArgumentException("No examples to evaluate.", nameof(inputs));
        if (labels.Count != inputs.Count) throw new ArgumentException($"{labels.Count} labels for {inputs.Count} examples.", nameof(labels));
        var total = inputs.Count;
        var (tally, cosines) = (new ClassificationTally(), new CosineTally());
        var (plainCost, secureCost) = (new CostTally(), new CostTally());
        progress?.Report(new ProgressStep(ProgressStages.Evaluating, 0, total));
        for (var start = 0; start < inputs.Count; start += batchSize)
        {
            var batch = inputs.Skip(start).Take(batchSize).ToArray();
            var plain = plaintext is null ? null : Checked(plaintext.Run(batch), batch.Length);
            if (plain is not null) plainCost.Add(plain);
            var shared = secure is null ? null : Checked(secure.Run(batch), batch.Length);
            if (shared is not null) secureCost.Add(shared);
            for (var i = 0; i < batch.Length; i++)
            {
                int? plainPrediction = plain is null ? null : ClassificationTally.Predict(plain.Rows[i]);
                int? securePrediction = shared is null ? null : ClassificationTally.Predict(shared.Rows[i]);
                tally.Add(labels[start + i], plainPrediction, securePrediction);
                if (plain is not null && shared is not null) cosines.Add(plain.Rows[i], shared.Rows[i]);
            }
            progress?.Report(new ProgressStep(ProgressStages.Evaluating, start + batch.Length, total));
        }
        var compared = plaintext is not null && secure is not null;
        return new ClassificationResult(inputs.Count,
            plaintext is null ? null : tally.PlaintextAccuracy,
            secure is null ? null : tally.SecureAccuracy,
            compared ? tally.Agreement : null,
            compared ? cosines.Min : null,
            compared ? cosines.Mean : null,
            plaintext is null ? null : plainCost.Elapsed,
            secure is null ? null : secureCost.Elapsed,
            secure is null ? null : secureCost.BytesSent);
    }

    private static LogitsBatch Checked(LogitsBatch batch, int count) =>
        batch.Rows.Count == count ? batch : throw new InvalidOperationException($"The model returned logits for {batch.Rows.Count} of {count} examples.");
}
