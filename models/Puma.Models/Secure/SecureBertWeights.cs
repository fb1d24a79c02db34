using Puma.Models.Checkpoints;
using Puma.Models.Reference;
using Puma.Protocols.Core;

namespace Puma.Models.Secure;

/// <summary>
/// Shares of every tensor of a BertForSequenceClassification, dealt once per run by the model
/// owner (<see cref="WeightDealer"/>). Public work is folded in at share time: nn.Linear weights
/// are transposed to [in, out]; W_q, W_k, W_v are stacked side by side into one [hidden, 3·hidden]
/// projection with 1/√headSize folded into the query part; the token-type embedding is stacked
/// under the word embedding, so one product with the client's rows adds both; the classifier bias has 2f
/// fractional bits, as it is added to the untruncated product (<see cref="ClientProduct"/>).
/// </summary>
internal sealed class SecureBertWeights : IDisposable
{
    private readonly WeightDealer _dealer;

    private SecureBertWeights(BertConfig config, WeightDealer dealer, BertWeights? weights, int fractionalBits)
    {
        Config = config;
        _dealer = dealer;
        int hidden = config.Hidden, inner = config.Intermediate, labels = config.Labels.Count;
        var queryScale = 1.0 / Math.Sqrt(config.HeadSize);
        BertWeights Plain() => weights!;
        BertHeadWeights Head() => Plain().Head!;
        double[] Linear(double[] weight, int outputs, int inputs) => WeightLayout.Transpose(weight, outputs, inputs);

        WordAndTypeEmbedding = dealer.Tensor((config.VocabSize + config.TypeVocabSize) * hidden, () => [.. Plain().WordEmbedding, .. Plain().TokenTypeEmbedding]);
        PositionEmbedding = dealer.Tensor(config.MaxPositions * hidden, () => Plain().PositionEmbedding);
        EmbeddingNorm = dealer.LayerNorm(hidden, () => Plain().EmbeddingNormWeight, () => Plain().EmbeddingNormBias, config.LayerNormEpsilon);
        Layers = [.. Enumerable.Range(0, config.Layers).Select(l =>
        {
            BertLayerWeights Layer() => Plain().Layers[l];
            return new SecureBertLayer(
                dealer.Dense(hidden, 3 * hidden,
                    () => WeightLayout.ScaleLeadingColumns(WeightLayout.SideBySide(hidden,
                        Linear(Layer().QueryWeight, hidden, hidden), Linear(Layer().KeyWeight, hidden, hidden), Linear(Layer().ValueWeight, hidden, hidden)),
                        3 * hidden, hidden, queryScale),
                    () => WeightLayout.ScaleLeadingColumns(WeightLayout.SideBySide(1, Layer().QueryBias, Layer().KeyBias, Layer().ValueBias), 3 * hidden, hidden, queryScale)),
                dealer.Dense(hidden, hidden, () => Linear(Layer().AttentionOutputWeight, hidden, hidden), () => Layer().AttentionOutputBias),
                dealer.LayerNorm(hidden, () => Layer().AttentionNormWeight, () => Layer().AttentionNormBias, config.LayerNormEpsilon),
                dealer.Dense(hidden, inner, () => Linear(Layer().IntermediateWeight, inner, hidden), () => Layer().IntermediateBias),
                dealer.Dense(inner, hidden, () => Linear(Layer().OutputWeight, hidden, inner), () => Layer().OutputBias),
                dealer.LayerNorm(hidden, () => Layer().OutputNormWeight, () => Layer().OutputNormBias, config.LayerNormEpsilon));
        })];
        Pooler = dealer.Dense(hidden, hidden, () => Linear(Head().PoolerWeight, hidden, hidden), () => Head().PoolerBias);
        ClassifierWeight = dealer.Tensor(hidden * labels, () => Linear(Head().ClassifierWeight, labels, hidden));
        ClassifierBias = dealer.Tensor(labels, () => Head().ClassifierBias, 2 * fractionalBits);
        dealer.Deal();
    }

    public BertConfig Config { get; }

    /// <summary>[vocab + type vocab, hidden]: the word embedding, then the token-type embedding.</summary>
    public AShare WordAndTypeEmbedding { get; }

    /// <summary>[max positions, hidden].</summary>
    public AShare PositionEmbedding { get; }

    public SecureLayerNorm EmbeddingNorm { get; }

    public IReadOnlyList<SecureBertLayer> Layers { get; }

    /// <summary>Dense layer of the pooler (tanh follows).</summary>
    public SecureDense Pooler { get; }

    /// <summary>[hidden, labels].</summary>
    public AShare ClassifierWeight { get; }

    /// <summary>[labels] with 2f fractional bits.</summary>
    public AShare ClassifierBias { get; }

    /// <summary>All three parties call this with the public config; only the owner passes <paramref name="weights"/>.</summary>
    public static SecureBertWeights Share(PartyContext context, BertConfig config, BertWeights? weights)
    {
        if (context.Id == WeightDealer.Owner && weights is null) throw new ArgumentNullException(nameof(weights), "The model owner must supply the weights.");
        if (!config.IsClassifier || (weights is not null && weights.Head is null)) throw new ArgumentException("The BERT checkpoint has no classification head (BertModel).", nameof(config));
        using var _ = context.Scope("share_weights");
        var dealer = new WeightDealer(context);
        try
        {
            return new SecureBertWeights(config, dealer, weights, context.Config.FractionalBits);
        }
        catch
        {
            dealer.Dispose();
            throw;
        }
    }

    public void Dispose() => _dealer.Dispose();
}
