using System.Diagnostics;
using Puma.Models.Bundles;
using Puma.Models.Checkpoints;
using Puma.Models.Reference;
using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Profiling;
using Puma.Protocols.Runtime;
using Puma.Models.Progress;

namespace Puma.Models.Secure;

/// <summary>
/// Secure GPT-2 with three in-process parties and a client (the outside party). Party
/// <see cref="WeightDealer.Owner"/> owns the model and shares it once per run; the client shares
/// its tokens as one-hot rows and is the only one to receive outputs. The parties learn the
/// public shapes (window lengths, number of generated tokens) and nothing else.
/// </summary>
public static class SecureGpt2
{
    /// <summary>
    /// Runs each window through the secure forward (the whole window at once, causal attention)
    /// and gives the client every position's next-token logits: the rows are window after window,
    /// position after position (Rows[window·L + position] when all windows have L tokens), each
    /// [vocab]. The logits are the exact product of the shared final hidden states and the LM head
    /// (<see cref="ClientProduct"/>), so their error is that of the hidden states alone.
    /// </summary>
    public static SecureLogits WindowLogits(Gpt2Weights weights, IReadOnlyList<int[]> windows, RunOptions? options = null, Action<int>? onWindowDone = null, IProgress<ProgressStep>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var vocab = weights.Config.VocabSize;
        return RunWindows(weights, windows, options, onWindowDone, progress, (_, logits, length) =>
            [.. Enumerable.Range(0, length).Select(position => logits.AsSpan(position * vocab, vocab).ToArray())]);
    }

    /// <summary>
    /// As <see cref="WindowLogits"/>, but the client keeps only, for each window w, the natural
    /// log-probability of targets[w][t] at position t (t &lt; targets[w].Length ≤ the window's
    /// length): Rows[w][t] = log softmax(logits_t)[targets[w][t]], computed by the client from the
    /// logits it received. The traffic is the same; the client holds one window's logits at a time.
    /// </summary>
    public static SecureLogits WindowLogProbabilities(Gpt2Weights weights, IReadOnlyList<int[]> windows, IReadOnlyList<int[]> targets, RunOptions? options = null, Action<int>? onWindowDone = null, IProgress<ProgressStep>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(targets);
        var vocab = weights.Config.VocabSize;
        if (targets.Count != windows.Count) throw new ArgumentException($"{targets.Count} target rows for {windows.Count} windows.", nameof(targets));
        for (var w = 0; w < windows.Count; w++)
        {
            if (targets[w] is null || targets[w].Length > (windows[w]?.Length ?? 0)) throw new ArgumentException($"Window {w} needs at most one target per token.", nameof(targets));
            if (targets[w].Any(id => (uint)id >= (uint)vocab)) throw new ArgumentOutOfRangeException(nameof(targets), $"A target of window {w} is outside the vocabulary of {vocab}.");
        }
        return RunWindows(weights, windows, options, onWindowDone, progress, (w, logits, _) =>
            [[.. targets[w].Select((target, position) => LogProbability(logits.AsSpan(position * vocab, vocab), target))]]);
    }

    /// <summary>
    /// Feeds <paramref name="promptIds"/> (as one window), then generates up to
    /// <paramref name="maxNewTokens"/> tokens greedily with a KV cache of shares, calling
    /// <paramref name="onToken"/> on the client as each arrives (the loop of
    /// <see cref="GreedyGeneration"/>). The logits stay untruncated (2f fractional bits): the
    /// argmax needs only their order. Stops early only when the context is full.
    /// </summary>
    public static SecureGeneration Generate(Gpt2Weights weights, int[] promptIds, int maxNewTokens, RunOptions? options = null, Action<int>? onToken = null, IProgress<ProgressStep>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return Generate(weights.Config, Dealt(weights, progress), promptIds, maxNewTokens, options, onToken);
    }

    /// <summary>As <see cref="Generate(Gpt2Weights, int[], int, RunOptions?, Action{int}?, IProgress{ProgressStep}?)"/>, each party mapping its weights from <paramref name="bundle"/>.</summary>
    public static SecureGeneration Generate(ShareBundle bundle, int[] promptIds, int maxNewTokens, RunOptions? options = null, Action<int>? onToken = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        bundle.Expect(ModelFamilies.Gpt2);
        var config = bundle.Config<Gpt2Config>();
        return Generate(config, Mapped(bundle, config), promptIds, maxNewTokens, options, onToken);
    }

    private static SecureGeneration Generate(Gpt2Config config, Func<PartyContext, SecureGpt2Weights> weightsFor, int[] promptIds, int maxNewTokens, RunOptions? options, Action<int>? onToken)
        => GreedyGeneration.Run(config.VocabSize, config.ContextLength, promptIds, maxNewTokens, (context, count) =>
        {
            using var shared = weightsFor(context);
            return GenerateParty(context, shared, promptIds.Length, count);
        }, options, onToken);

    /// <summary>Each party's weights, dealt by the owner during the run.</summary>
    private static Func<PartyContext, SecureGpt2Weights> Dealt(Gpt2Weights weights, IProgress<ProgressStep>? progress)
        => context => SecureGpt2Weights.Share(context, weights.Config, context.Id == WeightDealer.Owner ? weights : null, progress);

    /// <summary>Each party's weights, mapped from its bundle folder.</summary>
    private static Func<PartyContext, SecureGpt2Weights> Mapped(ShareBundle bundle, Gpt2Config config)
        => context => SecureGpt2Weights.From(bundle.LoadParty(context.Id), config, null);

    private static SecureLogits RunWindows(Gpt2Weights weights, IReadOnlyList<int[]> windows, RunOptions? options, Action<int>? onWindowDone, IProgress<ProgressStep>? progress,
        Func<int, double[], int, double[][]> keep)
    {
        var config = weights.Config;
        ClientTokens.Validate(windows, config.VocabSize, config.ContextLength, nameof(windows));
        var lengths = windows.Select(window => window.Length).ToArray();
        var fractionalBits = (options ?? RunOptions.Default).Config.FractionalBits;
        var clock = Stopwatch.StartNew();
        var (parties, rows) = ThreePartyRunner.Run(
            context =>
            {
                using var shared = Dealt(weights, progress)(context);
                return WindowParty(context, shared, lengths);
            },
            outside => WindowClient(outside, config, windows, fractionalBits, onWindowDone, keep),
            options);
        return new SecureLogits(rows, parties[0].Profile, clock.Elapsed, parties[0].BytesSent);
    }

    /// <summary>A party's side of the window logits, on weights it keeps.</summary>
    internal static PartyReport WindowParty(PartyContext context, SecureGpt2Weights shared, int[] lengths)
    {
        var config = shared.Config;
        using var model = new SecureGpt2Forward(context, shared, lengths.DefaultIfEmpty(0).Max());
        foreach (var length in lengths)
        {
            model.Reset();
            using var oneHots = Input.ShareFromOutside(context, length * config.VocabSize);
            model.Append(oneHots, length, hidden =>
                ClientProduct.Send(context, hidden, shared.LmHead.Share, new MatMulShape(length, config.Width, config.VocabSize, TransposeY: true), bias: null));
        }
        return PartyReport.Of(context);
    }

    /// <summary>A party's side of <see cref="Generate(Gpt2Weights, int[], int, RunOptions?, Action{int}?, IProgress{ProgressStep}?)"/>, on weights it keeps.</summary>
    internal static IReadOnlyList<OperatorProfile> GenerateParty(PartyContext context, SecureGpt2Weights shared, int promptLength, int count)
    {
        var config = shared.Config;
        int vocab = config.VocabSize, width = config.Width;
        using var model = new SecureGpt2Forward(context, shared, promptLength + count - 1);
        return GreedyGeneration.Party(context, vocab, promptLength, count, (input, rows) => model.Append(input, rows, hidden =>
        {
            using var last = ShareSlices.Slice(hidden, (rows - 1) * width, width);
            using var _ = context.Scope("lm_head");
            return MatMulAA.MatMul(context, last, shared.LmHead.Share, new MatMulShape(1, width, vocab, TransposeY: true));
        }));
    }

    /// <summary>The client's side of the window logits: shares each window, keeps what <paramref name="keep"/> takes of its logits.</summary>
    internal static double[][] WindowClient(OutsideParty outside, Gpt2Config config, IReadOnlyList<int[]> windows, int fractionalBits, Action<int>? onWindowDone,
        Func<int, double[], int, double[][]> keep)
    {
        var kept = new List<double[]>();
        for (var w = 0; w < windows.Count; w++)
        {
            outside.ShareInput(ClientTokens.OneHot(windows[w], config.VocabSize));
            var logits = ClientProduct.Receive(outside, windows[w].Length * config.VocabSize, fractionalBits);
            kept.AddRange(keep(w, logits, windows[w].Length));
            onWindowDone?.Invoke(w);
        }
        return [.. kept];
    }

    /// <summary>log softmax(logits)[target], shifted by the maximum so exp never overflows.</summary>
    private static double LogProbability(ReadOnlySpan<double> logits, int target)
    {
        var max = double.NegativeInfinity;
        foreach (var value in logits) max = Math.Max(max, value);
        var sum = 0.0;
        foreach (var value in logits) sum += Math.Exp(value - max);
        return logits[target] - max - Math.Log(sum);
    }
}
