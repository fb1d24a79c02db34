using System.Diagnostics;
using Puma.Models.Reference;

namespace Puma.Models.Evaluation;

/// <summary>The plaintext BERT classifier as an <see cref="ILogitsModel"/>: one logit per class per text.</summary>
public sealed class PlainBertLogits(BertWeights weights) : ILogitsModel
{
    private readonly BertReference _model = new(weights);

    public LogitsBatch Run(IReadOnlyList<int[]> sequences)
    {
        var clock = Stopwatch.StartNew();
        var rows = sequences.Select(ids => _model.Classify(ids)).ToArray();
        return new LogitsBatch(rows, clock.Elapsed, 0);
    }
}
