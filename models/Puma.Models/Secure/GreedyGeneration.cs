using System.Diagnostics;
using Puma.Protocols.Compare;
using Puma.Protocols.Core;
using Puma.Protocols.Profiling;
using Puma.Protocols.Runtime;

namespace Puma.Models.Secure;

/// <summary>
/// The greedy generation every language model runs, whatever its forward: the client shares its
/// prompt as one-hot rows (one input round for the whole prompt), the parties run the forward and
/// compute the argmax of the last position's logits as a shared one-hot (<see cref="ArgMaxA"/>)
/// and reveal only that one-hot, only to the client. The client shares the token it learnt back
/// as the next input. The client learns the tokens and nothing of the logits; the parties learn
/// public shapes and the number of tokens. No stop token: it stops at the count or the context.
/// </summary>
internal static class GreedyGeneration
{
    /// <summary>The most tokens a prompt of <paramref name="promptLength"/> leaves room for: the context's last position still predicts one.</summary>
    public static int MostTokens(int contextLength, int promptLength) => contextLength - promptLength + 1;

    /// <summary>Tokens a generation makes: at most <paramref name="maxNewTokens"/>, and none past the context.</summary>
    public static int Count(int contextLength, int promptLength, int maxNewTokens)
        => Math.Max(0, Math.Min(maxNewTokens, MostTokens(contextLength, promptLength)));

    /// <summary>
    /// Checks the prompt, then runs the three parties and the client in this process for up to
    /// <paramref name="maxNewTokens"/> tokens. <paramref name="party"/> is a party's whole side
    /// for a given count (see <see cref="Party"/>).
    /// </summary>
    public static SecureGeneration Run(int vocab, int contextLength, int[] promptIds, int maxNewTokens,
        Func<PartyContext, int, IReadOnlyList<OperatorProfile>> party, RunOptions? options, Action<int>? onToken)
    {
        ArgumentNullException.ThrowIfNull(promptIds);
        ArgumentOutOfRangeException.ThrowIfNegative(maxNewTokens);
        ClientTokens.Validate([promptIds], vocab, contextLength, nameof(promptIds));
        var count = Count(contextLength, promptIds.Length, maxNewTokens);
        if (count == 0) return new SecureGeneration([], [], []);
        var (parties, client) = ThreePartyRunner.Run(context => party(context, count), outside => Client(outside, vocab, promptIds, count, onToken), options);
        return new SecureGeneration(client.Ids, client.Times, parties[0]);
    }

    /// <summary>
    /// A party's side of <paramref name="count"/> tokens. <paramref name="lastLogits"/> feeds the
    /// given one-hot rows (the prompt, then one token at a time) to the model, which keeps its own
    /// cache of earlier positions, and returns the shared logits [vocab] of the last row.
    /// </summary>
    public static IReadOnlyList<OperatorProfile> Party(PartyContext context, int vocab, int promptLength, int count, Func<AShare, int, AShare> lastLogits)
    {
        var input = Input.ShareFromOutside(context, promptLength * vocab);
        var rows = promptLength;
        try
        {
            for (var step = 0; step < count; step++)
            {
                using (var logits = lastLogits(input, rows))
                using (var oneHot = ArgMaxA.ArgMax(context, logits, 1, vocab))
                {
                    Reveal.RevealToOutside(context, oneHot);
                }
                input.Dispose();
                if (step + 1 == count) break;
                input = Input.ShareFromOutside(context, vocab);
                rows = 1;
            }
        }
        finally
        {
            input.Dispose();
        }
        return [.. context.Profiler.Entries];
    }

    /// <summary>The client's side: shares the prompt, then each token it receives, timing each.</summary>
    public static (int[] Ids, TimeSpan[] Times) Client(OutsideParty client, int vocab, int[] promptIds, int count, Action<int>? onToken)
    {
        var clock = Stopwatch.StartNew();
        client.ShareInput(ClientTokens.OneHot(promptIds, vocab));
        var ids = new int[count];
        var times = new TimeSpan[count];
        for (var step = 0; step < count; step++)
        {
            ids[step] = ClientTokens.TokenOf(client.ReceiveOutput(vocab));
            times[step] = clock.Elapsed;
            clock.Restart();
            onToken?.Invoke(ids[step]);
            if (step + 1 < count) client.ShareInput(ClientTokens.OneHot([ids[step]], vocab));
        }
        return (ids, times);
    }
}
