using System.Diagnostics;
using Puma.Models.Progress;
using Puma.Models.Reference;
using Puma.Models.Secure;
using Puma.Protocols.Core;
using Puma.Protocols.Runtime;
using Puma.Simd;

namespace Puma.Models.Evaluation;

/// <summary>
/// The secure LLaMA decoder as an <see cref="ILogitsModel"/>, for perplexity: one three-party
/// run per call, the weights shared once; each window starts from an empty KV cache of shares,
/// the client shares the window's one-hot rows in one input round, and the parties feed them in
/// one pass (<see cref="SecureLlamaForward"/>, causal within the window), revealing every
/// position's logits to the client alone, who decodes them from fixed point. The parties learn
/// only window lengths.
/// </summary>
public sealed class SecureLlamaLogits(LlamaWeights weights, RunOptions? options = null, IProgress<ProgressStep>? progress = null) : ILogitsModel
{
    public LogitsBatch Run(IReadOnlyList<int[]> sequences)
    {
        var config = weights.Config;
        ClientTokens.Validate(sequences, config.VocabSize, config.MaxSequenceLength, nameof(sequences));
        var lengths = sequences.Select(window => window.Length).ToArray();
        var fractionalBits = (options ?? RunOptions.Default).Config.FractionalBits;
        var clock = Stopwatch.StartNew();
        var (parties, rows) = ThreePartyRunner.Run(
            context => Party(context, config, context.Id == SecureLlamaWeights.Owner ? weights : null, lengths, progress),
            outside => Client(outside, sequences, config.VocabSize, fractionalBits),
            options);
        return new LogitsBatch(rows, clock.Elapsed, parties[0].BytesSent);
    }

    private static PartyReport Party(PartyContext context, LlamaConfig config, LlamaWeights? weights, int[] lengths, IProgress<ProgressStep>? progress)
    {
        var vocab = config.VocabSize;
        using var shared = SecureLlamaWeights.Share(context, config, weights, progress);
        foreach (var length in lengths)
        {
            using var model = new SecureLlamaForward(context, shared, length);
            using var oneHots = Input.ShareFromOutside(context, length * vocab);
            using var logits = model.Forward(oneHots, length, logitRows: length)!;
            Reveal.RevealToOutside(context, logits);
        }
        return PartyReport.Of(context);
    }

    private static double[][] Client(OutsideParty client, IReadOnlyList<int[]> sequences, int vocab, int fractionalBits)
    {
        var windows = new double[sequences.Count][];
        for (var w = 0; w < windows.Length; w++)
        {
            client.ShareInput(ClientTokens.OneHot(sequences[w], vocab));
            windows[w] = new double[sequences[w].Length * vocab];
            FixedPoint.Decode(client.ReceiveOutput(windows[w].Length), windows[w], fractionalBits);
        }
        return windows;
    }
}
