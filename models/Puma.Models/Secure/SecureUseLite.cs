using System.Diagnostics;
using Puma.Models.Progress;
using Puma.Models.UseLite;
using Puma.Protocols.Core;
using Puma.Protocols.Profiling;
using Puma.Protocols.Runtime;
using Puma.Simd;

namespace Puma.Models.Secure;

/// <summary>
/// Private sentence embedding with USE-Lite: three in-process parties and a client (the outside
/// party). Party <see cref="SecureUseLiteWeights.Owner"/> owns the model and deals it as shares
/// once per run; the client tokenizes its sentences itself and shares each as one-hot rows (one
/// input round), the parties run <see cref="SecureUseLiteForward"/> on shares and reveal only the
/// final embedding, only to the client. The parties learn the public shapes and each sentence's
/// number of tokens, nothing else.
/// </summary>
public static class SecureUseLite
{
    /// <summary>Embeds each sentence of token ids (already clipped to the model's maximum length) in one run.</summary>
    public static SecureUseLiteRun Embed(UseLiteWeights weights, IReadOnlyList<int[]> sentences, RunOptions? options = null, IProgress<ProgressStep>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(sentences);
        var shape = UseLiteShape.Of(weights);
        foreach (var ids in sentences)
        {
            if (ids.Length == 0) throw new ArgumentException("Every sentence needs at least one token.", nameof(sentences));
            if (ids.Length > weights.MaxTokens) throw new ArgumentException($"A sentence has {ids.Length} tokens; the model reads at most {weights.MaxTokens}.", nameof(sentences));
            foreach (var id in ids) ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)id, (uint)shape.VocabularyRows, nameof(sentences));
        }
        var lengths = sentences.Select(ids => ids.Length).ToArray();
        var timing = weights.TimingSignal(lengths.Max());

        var (parties, client) = ThreePartyRunner.Run(
            context => Party(context, shape, context.Id == SecureUseLiteWeights.Owner ? weights : null, lengths, timing, weights.L2Epsilon, progress),
            outside => Client(outside, shape, sentences, (options ?? RunOptions.Default).Config.FractionalBits),
            options);
        var bytes = lengths.Select((_, s) => parties.Sum(party => party.Bytes[s])).ToArray();
        return new SecureUseLiteRun(client, parties[0].Times, bytes, parties[0].Rounds, parties.Sum(party => party.WeightBytes), parties[0].Profile);
    }

    private sealed record PartyReport(long WeightBytes, TimeSpan[] Times, long[] Bytes, long[] Rounds, IReadOnlyList<OperatorProfile> Profile);

    private static PartyReport Party(PartyContext context, UseLiteShape shape, UseLiteWeights? weights, int[] lengths, double[] timing, double l2Epsilon, IProgress<ProgressStep>? progress)
    {
        using var shared = SecureUseLiteWeights.Share(context, shape, weights, progress);
        var weightBytes = context.Net.BytesSent;
        var forward = new SecureUseLiteForward(context, shared, timing, l2Epsilon);
        var bytes = new long[lengths.Length];
        var rounds = new long[lengths.Length];
        var times = new TimeSpan[lengths.Length];
        for (var s = 0; s < lengths.Length; s++)
        {
            var clock = Stopwatch.StartNew();
            long sentBefore = context.Net.BytesSent, roundsBefore = context.Net.Rounds;
            using (var oneHot = Input.ShareFromOutside(context, lengths[s] * shape.VocabularyRows))
            using (var embedding = forward.Embed(oneHot, lengths[s]))
            {
                Reveal.RevealToOutside(context, embedding);
            }
            bytes[s] = context.Net.BytesSent - sentBefore;
            rounds[s] = context.Net.Rounds - roundsBefore;
            times[s] = clock.Elapsed;
        }
        return new PartyReport(weightBytes, times, bytes, rounds, [.. context.Profiler.Entries]);
    }

    private static double[][] Client(OutsideParty client, UseLiteShape shape, IReadOnlyList<int[]> sentences, int fractionalBits)
    {
        var embeddings = new double[sentences.Count][];
        for (var s = 0; s < sentences.Count; s++)
        {
            var ids = sentences[s];
            var oneHot = new ulong[ids.Length * shape.VocabularyRows];
            for (var t = 0; t < ids.Length; t++) oneHot[t * shape.VocabularyRows + ids[t]] = 1;
            client.ShareInput(oneHot);
            embeddings[s] = [.. client.ReceiveOutput(shape.Width).Select(value => FixedPoint.Decode(value, fractionalBits))];
        }
        return embeddings;
    }
}
