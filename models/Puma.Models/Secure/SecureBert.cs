using System.Diagnostics;
using Puma.Models.Checkpoints;
using Puma.Models.Reference;
using Puma.Models.Tokenizers;
using Puma.Protocols.Core;
using Puma.Protocols.Runtime;

namespace Puma.Models.Secure;

/// <summary>
/// Secure BERT sequence classification with three in-process parties and a client (the outside
/// party). Party <see cref="WeightDealer.Owner"/> owns the model and shares it once per run; the
/// client shares each text as one-hot rows and alone receives its label logits. The parties learn
/// the number of texts and their lengths (inputs are not padded), nothing else.
/// </summary>
public static class SecureBert
{
    /// <summary>
    /// Classifies each text (token ids with their type ids, e.g. <c>[CLS] … [SEP]</c> as the
    /// tokenizer's template lays it out): Rows[i] holds text i's logits, one per label. The type
    /// ids travel inside the client's one-hot rows, so the parties do not learn them.
    /// </summary>
    public static SecureLogits ClassifyLogits(BertWeights weights, IReadOnlyList<EncodedText> texts, RunOptions? options = null, Action<int>? onTextDone = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(texts);
        var config = weights.Config;
        if (weights.Head is null) throw new ArgumentException("The BERT checkpoint has no classification head (BertModel).", nameof(weights));
        ClientTokens.Validate([.. texts.Select(text => text.Ids)], config.VocabSize, config.MaxPositions, nameof(texts));
        ClientTokens.ValidateTypes(texts, config.TypeVocabSize, nameof(texts));
        var lengths = texts.Select(text => text.Ids.Length).ToArray();
        var fractionalBits = (options ?? RunOptions.Default).Config.FractionalBits;
        var clock = Stopwatch.StartNew();
        var (parties, rows) = ThreePartyRunner.Run(
            context => Party(context, config, context.Id == WeightDealer.Owner ? weights : null, lengths),
            outside =>
            {
                var logits = new double[texts.Count][];
                for (var i = 0; i < texts.Count; i++)
                {
                    outside.ShareInput(ClientTokens.OneHotWithTypes(texts[i], config.VocabSize, config.TypeVocabSize));
                    logits[i] = ClientProduct.Receive(outside, config.Labels.Count, fractionalBits);
                    onTextDone?.Invoke(i);
                }
                return logits;
            },
            options);
        return new SecureLogits(rows, parties[0].Profile, clock.Elapsed, parties[0].BytesSent);
    }

    private static PartyReport Party(PartyContext context, BertConfig config, BertWeights? weights, int[] lengths)
    {
        using var shared = SecureBertWeights.Share(context, config, weights);
        var model = new SecureBertForward(context, shared);
        foreach (var length in lengths)
        {
            using var oneHots = Input.ShareFromOutside(context, length * (config.VocabSize + config.TypeVocabSize));
            model.Classify(oneHots, length);
        }
        return PartyReport.Of(context);
    }
}
