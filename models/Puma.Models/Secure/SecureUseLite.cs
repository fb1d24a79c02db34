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
        var config = UseLiteConfig.Of(weights);

        var (parties, client) = ThreePartyRunner.Run(
            context =>
            {
                using var shared = SecureUseLiteWeights.Share(context, shape, context.Id == SecureUseLiteWeights.Owner ? weights : null, progress);
                var weightBytes = context.Net.BytesSent;
                return (WeightBytes: weightBytes, Costs: EmbedParty(context, shared, config, lengths));
            },
            outside => EmbedClient(outside, shape, sentences, (options ?? RunOptions.Default).Config.FractionalBits),
            options);
        var bytes = lengths.Select((_, s) => parties.Sum(party => party.Costs.Bytes[s])).ToArray();
        var first = parties[0].Costs;
        return new SecureUseLiteRun(client, first.Times, bytes, first.Rounds, parties.Sum(party => party.WeightBytes), first.Profile);
    }

    /// <summary>What one party's side of the sentences cost: per sentence its wall time, bytes sent and rounds; its profile of the whole run.</summary>
    internal sealed record PartyCosts(TimeSpan[] Times, long[] Bytes, long[] Rounds, IReadOnlyList<OperatorProfile> Profile);

    /// <summary>A party's side of <see cref="Embed"/> on weights it keeps: each sentence of <paramref name="lengths"/> tokens in turn.</summary>
    internal static PartyCosts EmbedParty(PartyContext context, SecureUseLiteWeights shared, UseLiteConfig config, int[] lengths)
    {
        var shape = shared.Shape;
        var forward = new SecureUseLiteForward(context, shared, config.TimingSignal(lengths.Max()), config.L2Epsilon);
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
        return new PartyCosts(times, bytes, rounds, [.. context.Profiler.Entries]);
    }

    /// <summary>The client's side of an embedding: shares each sentence as one-hot rows and decodes the embedding only it receives.</summary>
    internal static double[][] EmbedClient(OutsideParty client, UseLiteShape shape, IReadOnlyList<int[]> sentences, int fractionalBits, Action<int>? onSentenceDone = null)
    {
        var embeddings = new double[sentences.Count][];
        for (var s = 0; s < sentences.Count; s++)
        {
            client.ShareInput(ClientTokens.OneHot(sentences[s], shape.VocabularyRows));
            embeddings[s] = [.. client.ReceiveOutput(shape.Width).Select(value => FixedPoint.Decode(value, fractionalBits))];
            onSentenceDone?.Invoke(s);
        }
        return embeddings;
    }
}
