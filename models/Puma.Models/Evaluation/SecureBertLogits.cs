using Puma.Models.Progress;
using Puma.Models.Reference;
using Puma.Models.Secure;
using Puma.Protocols.Runtime;

namespace Puma.Models.Evaluation;

/// <summary>
/// The secure BERT classifier (<see cref="SecureBert.ClassifyLogits(Reference.BertWeights, IReadOnlyList{int[]}, Protocols.Runtime.RunOptions?, Action{int}?, IProgress{Progress.ProgressStep}?)"/>) as an
/// <see cref="ILogitsModel"/>: one three-party run per call, the weights shared once for all its
/// texts, each text's class logits revealed to the client.
/// </summary>
public sealed class SecureBertLogits(BertWeights weights, RunOptions? options = null, IProgress<ProgressStep>? progress = null) : ILogitsModel
{
    public LogitsBatch Run(IReadOnlyList<int[]> sequences)
    {
        var result = SecureBert.ClassifyLogits(weights, sequences, options, progress: progress);
        return new LogitsBatch(result.Rows, result.Elapsed, result.BytesSentByParty0);
    }
}
