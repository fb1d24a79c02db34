using System.Diagnostics;
using Puma.Models.Bundles;
using Puma.Models.Reference;
using Puma.Protocols.Compare;
using Puma.Protocols.Core;
using Puma.Protocols.Profiling;
using Puma.Protocols.Runtime;
using Puma.Models.Progress;

namespace Puma.Models.Secure;

/// <summary>
/// Secure greedy generation with three in-process parties and a client (the outside party).
/// Party <see cref="SecureLlamaWeights.Owner"/> owns the model and shares it once per run. The
/// client shares its prompt as one-hot rows (one input round for the whole prompt), which the
/// parties feed in one pass (the model's weights streamed once for it). After each
/// forward pass the parties compute the argmax as a shared one-hot (<see cref="ArgMaxA"/>) and
/// reveal only that one-hot, only to the client: the client learns the next token and nothing
/// of the logits, the parties learn nothing but public shapes and the number of tokens. The
/// client then shares the one-hot of the token it received as the next input.
/// </summary>
public static class SecureLlama
{
    /// <summary>
    /// Feeds <paramref name="promptIds"/>, then generates up to <paramref name="maxNewTokens"/>
    /// tokens greedily (as <see cref="LlamaGreedy.Generate"/> does: no stop token, fewer only when
    /// the context fills), calling <paramref name="onToken"/> on the client as each arrives.
    /// </summary>
    public static SecureGeneration Generate(LlamaWeights weights, int[] promptIds, int maxNewTokens, RunOptions? options = null, Action<int>? onToken = null, IProgress<ProgressStep>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(promptIds);
        ArgumentOutOfRangeException.ThrowIfNegative(maxNewTokens);
        var config = weights.Config;
        return Generate(config, context => SecureLlamaWeights.Share(context, config, context.Id == SecureLlamaWeights.Owner ? weights : null, progress), promptIds, maxNewTokens, options, onToken);
    }

    /// <summary>As <see cref="Generate(LlamaWeights, int[], int, RunOptions?, Action{int}?, IProgress{ProgressStep}?)"/>, each party mapping its weights from <paramref name="bundle"/>.</summary>
    public static SecureGeneration Generate(ShareBundle bundle, int[] promptIds, int maxNewTokens, RunOptions? options = null, Action<int>? onToken = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(promptIds);
        ArgumentOutOfRangeException.ThrowIfNegative(maxNewTokens);
        bundle.Expect(ModelFamilies.Llama);
        var config = bundle.Config<LlamaConfig>();
        return Generate(config, context => SecureLlamaWeights.From(bundle.LoadParty(context.Id), config, null), promptIds, maxNewTokens, options, onToken);
    }

    private static SecureGeneration Generate(LlamaConfig config, Func<PartyContext, SecureLlamaWeights> weightsFor, int[] promptIds, int maxNewTokens, RunOptions? options, Action<int>? onToken)
    {
        if (promptIds.Length == 0) throw new ArgumentException("At least one prompt token is required.", nameof(promptIds));
        if (promptIds.Length > config.MaxSequenceLength) throw new ArgumentException($"The prompt has {promptIds.Length} tokens; the context holds {config.MaxSequenceLength}.", nameof(promptIds));
        foreach (var id in promptIds) ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)id, (uint)config.VocabSize, nameof(promptIds));
        if (maxNewTokens == 0) return new SecureGeneration([], [], []);

        var (parties, client) = ThreePartyRunner.Run(
            context =>
            {
                using var shared = weightsFor(context);
                return Party(context, shared, promptIds.Length, maxNewTokens);
            },
            outside => Client(outside, config, promptIds, maxNewTokens, onToken),
            options);
        return new SecureGeneration(client.Ids, client.Times, parties[0]);
    }

    /// <summary>A party's side of a generation, on weights it keeps.</summary>
    internal static IReadOnlyList<OperatorProfile> Party(PartyContext context, SecureLlamaWeights shared, int promptLength, int count)
    {
        var config = shared.Config;
        int vocab = config.VocabSize;
        using var model = new SecureLlamaForward(context, shared, promptLength + count - 1);
        AShare? logits = null;
        try
        {
            using (var prompt = Input.ShareFromOutside(context, promptLength * vocab))
            {
                logits = model.Forward(prompt, promptLength, logitRows: 1);
            }
            for (var step = 0; step < count; step++)
            {
                using (var oneHot = ArgMaxA.ArgMax(context, logits!, 1, vocab))
                {
                    Reveal.RevealToOutside(context, oneHot);
                }
                logits!.Dispose();
                logits = null;
                if (step + 1 == count || model.Position == config.MaxSequenceLength) break;
                using var next = Input.ShareFromOutside(context, vocab);
                logits = model.Forward(next, 1, logitRows: 1);
            }
        }
        finally
        {
            logits?.Dispose();
        }
        return [.. context.Profiler.Entries];
    }

    /// <summary>The client's side of a generation: shares the prompt, then each token it receives.</summary>
    internal static (int[] Ids, TimeSpan[] Times) Client(OutsideParty client, LlamaConfig config, int[] promptIds, int count, Action<int>? onToken)
    {
        int vocab = config.VocabSize;
        var clock = Stopwatch.StartNew();
        client.ShareInput(ClientTokens.OneHot(promptIds, vocab));
        var ids = new List<int>(count);
        var times = new List<TimeSpan>(count);
        for (var step = 0; step < count; step++)
        {
            var token = ClientTokens.TokenOf(client.ReceiveOutput(vocab));
            times.Add(clock.Elapsed);
            clock.Restart();
            ids.Add(token);
            onToken?.Invoke(token);
            if (step + 1 == count || promptIds.Length + step == config.MaxSequenceLength) break;
            client.ShareInput(ClientTokens.OneHot([token], vocab));
        }
        return ([.. ids], [.. times]);
    }
}
