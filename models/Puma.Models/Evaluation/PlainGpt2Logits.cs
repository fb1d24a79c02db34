using System.Diagnostics;
using Puma.Models.Reference;

namespace Puma.Models.Evaluation;

/// <summary>The plaintext GPT-2 reference as an <see cref="ILogitsModel"/>: every row of every window.</summary>
public sealed class PlainGpt2Logits(Gpt2Weights weights) : ILogitsModel
{
    private readonly Gpt2Reference _model = new(weights);

    public LogitsBatch Run(IReadOnlyList<int[]> sequences)
    {
        var clock = Stopwatch.StartNew();
        var rows = sequences.Select(ids => _model.Logits(ids)).ToArray();
        return new LogitsBatch(rows, clock.Elapsed, 0);
    }
}
