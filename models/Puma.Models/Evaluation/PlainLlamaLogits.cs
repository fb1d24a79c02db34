using System.Diagnostics;
using Puma.Models.Reference;

namespace Puma.Models.Evaluation;

/// <summary>
/// The plaintext LLaMA reference as an <see cref="ILogitsModel"/>: each window fed token by
/// token from position 0 with an empty KV cache, keeping the logits after every token.
/// </summary>
public sealed class PlainLlamaLogits(LlamaWeights weights) : ILogitsModel
{
    private readonly LlamaReference _model = new(weights);
    private readonly int _vocab = weights.Config.VocabSize;

    public LogitsBatch Run(IReadOnlyList<int[]> sequences)
    {
        var clock = Stopwatch.StartNew();
        var rows = new double[sequences.Count][];
        for (var i = 0; i < rows.Length; i++)
        {
            var ids = sequences[i];
            _model.Reset();
            rows[i] = new double[ids.Length * _vocab];
            for (var t = 0; t < ids.Length; t++) _model.Forward(ids[t]).CopyTo(rows[i].AsSpan(t * _vocab));
        }
        return new LogitsBatch(rows, clock.Elapsed, 0);
    }
}
