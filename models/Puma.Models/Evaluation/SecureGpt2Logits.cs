using Puma.Models.Progress;
using Puma.Models.Reference;
using Puma.Models.Secure;
using Puma.Protocols.Runtime;

namespace Puma.Models.Evaluation;

/// <summary>
/// The secure GPT-2 (<see cref="SecureGpt2.WindowLogits"/>) as an <see cref="ILogitsModel"/>:
/// one three-party run per call, the weights shared once for all its windows, every position's
/// logits revealed to the client and regrouped window by window.
/// </summary>
public sealed class SecureGpt2Logits(Gpt2Weights weights, RunOptions? options = null, IProgress<ProgressStep>? progress = null) : ILogitsModel
{
    public LogitsBatch Run(IReadOnlyList<int[]> sequences)
    {
        var result = SecureGpt2.WindowLogits(weights, sequences, options, progress: progress);
        var vocab = weights.Config.VocabSize;
        var expected = sequences.Sum(window => window.Length);
        if (result.Rows.Length != expected)
            throw new InvalidOperationException($"The secure GPT-2 returned {result.Rows.Length} logit rows for {expected} positions.");
        var windows = new double[sequences.Count][];
        var next = 0;
        for (var w = 0; w < windows.Length; w++)
        {
            windows[w] = new double[sequences[w].Length * vocab];
            for (var t = 0; t < sequences[w].Length; t++) result.Rows[next++].CopyTo(windows[w], t * vocab);
        }
        return new LogitsBatch(windows, result.Elapsed, result.BytesSentByParty0);
    }
}
