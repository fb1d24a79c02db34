using Puma.Models.Progress;
using Puma.Models.Reference;
using Puma.Models.Secure;
using Puma.Models.Tokenizers;
using Puma.Protocols.Runtime;

namespace Puma.Models.Evaluation;

/// <summary>
/// The secure BERT classifier (<see cref="SecureBert.ClassifyLogits(BertWeights, IReadOnlyList{EncodedText}, RunOptions?, Action{int}?, IProgress{ProgressStep}?)"/>) as an
/// <see cref="IClassifierModel"/>: one three-party run per call, the weights shared once for all
/// its texts, each text's class logits revealed to the client.
/// </summary>
public sealed class SecureBertLogits(BertWeights weights, RunOptions? options = null, IProgress<ProgressStep>? progress = null) : IClassifierModel
{
    public LogitsBatch Run(IReadOnlyList<EncodedText> inputs)
    {
        var result = SecureBert.ClassifyLogits(weights, inputs, options, progress: progress);
        return new LogitsBatch(result.Rows, result.Elapsed, result.BytesSentByParty0);
    }
}
