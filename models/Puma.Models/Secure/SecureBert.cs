using System.Diagnostics;
using Puma.Models.Bundles;
using Puma.Models.Checkpoints;
using Puma.Models.Reference;
using Puma.Models.Tokenizers;
using Puma.Protocols.Core;
using Puma.Protocols.Runtime;
using Puma.Models.Progress;

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
    public static SecureLogits ClassifyLogits(BertWeights weights, IReadOnlyList<EncodedText> texts, RunOptions? options = null, Action<int>? onTextDone = null, IProgress<ProgressStep>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(texts);
        var config = weights.Config;
        if (weights.Head is null) throw new ArgumentException("The BERT checkpoint has no classification head (BertModel).", nameof(weights));
        return ClassifyLogits(config, context => SecureBertWeights.Share(context, config, context.Id == WeightDealer.Owner ? weights : null, progress), texts, options, onTextDone);
    }

    /// <summary>As <see cref="ClassifyLogits(BertWeights, IReadOnlyList{EncodedText}, RunOptions?, Action{int}?, IProgress{ProgressStep}?)"/>, each party mapping its weights from <paramref name="bundle"/>.</summary>
    public static SecureLogits ClassifyLogits(ShareBundle bundle, IReadOnlyList<EncodedText> texts, RunOptions? options = null, Action<int>? onTextDone = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        bundle.Expect(ModelFamilies.Bert);
        var config = bundle.Config<BertConfig>();
        return ClassifyLogits(config, context => SecureBertWeights.From(bundle.LoadParty(context.Id), config, null), texts, options, onTextDone);
    }

    private static SecureLogits ClassifyLogits(BertConfig config, Func<PartyContext, SecureBertWeights> weightsFor, IReadOnlyList<EncodedText> texts, RunOptions? options, Action<int>? onTextDone)
    {
        ClientTokens.Validate([.. texts.Select(text => text.Ids)], config.VocabSize, config.MaxPositions, nameof(texts));
        ClientTokens.ValidateTypes(texts, config.TypeVocabSize, nameof(texts));
        var lengths = texts.Select(text => text.Ids.Length).ToArray();
        var fractionalBits = (options ?? RunOptions.Default).Config.FractionalBits;
        var clock = Stopwatch.StartNew();
        var (parties, rows) = ThreePartyRunner.Run(
            context =>
            {
                using var shared = weightsFor(context);
                return Party(context, shared, lengths);
            },
            outside => Client(outside, config, texts, fractionalBits, onTextDone),
            options);
        return new SecureLogits(rows, parties[0].Profile, clock.Elapsed, parties[0].BytesSent);
    }

    /// <summary>A party's side of the classification, on weights it keeps.</summary>
    internal static PartyReport Party(PartyContext context, SecureBertWeights shared, int[] lengths)
    {
        var config = shared.Config;
        var model = new SecureBertForward(context, shared);
        foreach (var length in lengths)
        {
            using var oneHots = Input.ShareFromOutside(context, length * (config.VocabSize + config.TypeVocabSize));
            model.Classify(oneHots, length);
        }
        return PartyReport.Of(context);
    }

    /// <summary>The client's side: shares each text's tokens and receives its class logits.</summary>
    internal static double[][] Client(OutsideParty outside, BertConfig config, IReadOnlyList<EncodedText> texts, int fractionalBits, Action<int>? onTextDone)
    {
        var logits = new double[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            outside.ShareInput(ClientTokens.OneHotWithTypes(texts[i], config.VocabSize, config.TypeVocabSize));
            logits[i] = ClientProduct.Receive(outside, config.Labels.Count, fractionalBits);
            onTextDone?.Invoke(i);
        }
        return logits;
    }
}
