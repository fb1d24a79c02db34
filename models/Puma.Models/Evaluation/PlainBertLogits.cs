using System.Diagnostics;
using Puma.Models.Reference;
using Puma.Models.Tokenizers;

namespace Puma.Models.Evaluation;

/// <summary>The plaintext BERT classifier as an <see cref="IClassifierModel"/>: one logit per class per text.</summary>
public sealed class PlainBertLogits(BertWeights weights) : IClassifierModel
{
    private readonly BertReference _model = new(weights);

    public LogitsBatch Run(IReadOnlyList<EncodedText> inputs)
    {
        var clock = Stopwatch.StartNew();
        var rows = inputs.Select(input => _model.Classify(input.Ids, input.TypeIds)).ToArray();
        return new LogitsBatch(rows, clock.Elapsed, 0);
    }
}
