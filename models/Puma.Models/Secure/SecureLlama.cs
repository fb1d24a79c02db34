using Puma.Models.Bundles;
using Puma.Models.Reference;
using Puma.Protocols.Core;
using Puma.Protocols.Profiling;
using Puma.Protocols.Runtime;
using Puma.Models.Progress;

namespace Puma.Models.Secure;

/// <summary>
/// Secure greedy LLaMA generation with three in-process parties and a client (the outside party),
/// by the loop every language model shares (<see cref="GreedyGeneration"/>). Party
/// <see cref="SecureLlamaWeights.Owner"/> owns the model and shares it once per run, or each
/// party maps its bundle. The parties feed the whole prompt in one pass (the model's weights
/// streamed once for it), then one token at a time with a KV cache of shares.
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
        var config = weights.Config;
        return Generate(config, context => SecureLlamaWeights.Share(context, config, context.Id == SecureLlamaWeights.Owner ? weights : null, progress), promptIds, maxNewTokens, options, onToken);
    }

    /// <summary>As <see cref="Generate(LlamaWeights, int[], int, RunOptions?, Action{int}?, IProgress{ProgressStep}?)"/>, each party mapping its weights from <paramref name="bundle"/>.</summary>
    public static SecureGeneration Generate(ShareBundle bundle, int[] promptIds, int maxNewTokens, RunOptions? options = null, Action<int>? onToken = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        bundle.Expect(ModelFamilies.Llama);
        var config = bundle.Config<LlamaConfig>();
        return Generate(config, context => SecureLlamaWeights.From(bundle.LoadParty(context.Id), config, null), promptIds, maxNewTokens, options, onToken);
    }

    private static SecureGeneration Generate(LlamaConfig config, Func<PartyContext, SecureLlamaWeights> weightsFor, int[] promptIds, int maxNewTokens, RunOptions? options, Action<int>? onToken)
        => GreedyGeneration.Run(config.VocabSize, config.MaxSequenceLength, promptIds, maxNewTokens, (context, count) =>
        {
            using var shared = weightsFor(context);
            return Party(context, shared, promptIds.Length, count);
        }, options, onToken);

    /// <summary>A party's side of a generation of <paramref name="count"/> tokens (see <see cref="GreedyGeneration.Count"/>), on weights it keeps.</summary>
    internal static IReadOnlyList<OperatorProfile> Party(PartyContext context, SecureLlamaWeights shared, int promptLength, int count)
    {
        using var model = new SecureLlamaForward(context, shared, promptLength + count - 1);
        return GreedyGeneration.Party(context, shared.Config.VocabSize, promptLength, count, (input, rows) => model.Forward(input, rows, logitRows: 1)!);
    }
}
