using Puma.Models.Checkpoints;
using Puma.Models.Reference;
using Puma.Protocols.Core;
using Puma.Models.Progress;

namespace Puma.Models.Secure;

/// <summary>
/// Shares of every tensor of a BertForSequenceClassification, from any <see cref="IWeightSource"/>
/// (dealt by the owner, or mapped from a party bundle). Public work is folded in at share time: nn.Linear weights
/// are transposed to [in, out]; W_q, W_k, W_v are stacked side by side into one [hidden, 3·hidden]
/// projection with 1/√headSize folded into the query part; the token-type embedding is stacked
/// under the word embedding, so one product with the client's rows adds both; the classifier bias has 2f
/// fractional bits, as it is added to the untruncated product (<see cref="ClientProduct"/>).
/// Nothing is pinned: the forward holds one group at a time (<see cref="Embedding"/>, each layer's,
/// <see cref="Head"/>), and the source decides which tensors stay resident between requests.
/// </summary>
internal sealed class SecureBertWeights : IDisposable
{
    private readonly IWeightSource _source;

    private SecureBertWeights(BertConfig config, IWeightSource source, BertWeights? weights)
    {
        Config = config;
        _source = source;
        var fractionalBits = source.FractionalBits;
        int hidden = config.Hidden, inner = config.Intermediate, labels = config.Labels.Count;
        var queryScale = 1.0 / Math.Sqrt(config.HeadSize);
        BertWeights Plain() => weights!;
        BertHeadWeights HeadWeights() => Plain().Head!;
        double[] Linear(double[] weight, int outputs, int inputs) => WeightLayout.Transpose(weight, outputs, inputs);

        WordAndTypeEmbedding = source.Tensor("embeddings.word_and_token_type_embeddings", [config.VocabSize + config.TypeVocabSize, hidden], () => [.. Plain().WordEmbedding, .. Plain().TokenTypeEmbedding]);
        PositionEmbedding = source.Tensor("embeddings.position_embeddings", [config.MaxPositions, hidden], () => Plain().PositionEmbedding);
        EmbeddingNorm = source.LayerNorm("embeddings.LayerNorm", hidden, () => Plain().EmbeddingNormWeight, () => Plain().EmbeddingNormBias, config.LayerNormEpsilon);
        Layers = [.. Enumerable.Range(0, config.Layers).Select(l =>
        {
            BertLayerWeights Layer() => Plain().Layers[l];
            return new SecureBertLayer(
                source.Dense($"encoder.layer.{l}.attention.self.qkv", hidden, 3 * hidden,
                    () => WeightLayout.ScaleLeadingColumns(WeightLayout.SideBySide(hidden,
                        Linear(Layer().QueryWeight, hidden, hidden), Linear(Layer().KeyWeight, hidden, hidden), Linear(Layer().ValueWeight, hidden, hidden)),
                        3 * hidden, hidden, queryScale),
                    () => WeightLayout.ScaleLeadingColumns(WeightLayout.SideBySide(1, Layer().QueryBias, Layer().KeyBias, Layer().ValueBias), 3 * hidden, hidden, queryScale)),
                source.Dense($"encoder.layer.{l}.attention.output.dense", hidden, hidden, () => Linear(Layer().AttentionOutputWeight, hidden, hidden), () => Layer().AttentionOutputBias),
                source.LayerNorm($"encoder.layer.{l}.attention.output.LayerNorm", hidden, () => Layer().AttentionNormWeight, () => Layer().AttentionNormBias, config.LayerNormEpsilon),
                source.Dense($"encoder.layer.{l}.intermediate.dense", hidden, inner, () => Linear(Layer().IntermediateWeight, inner, hidden), () => Layer().IntermediateBias),
                source.Dense($"encoder.layer.{l}.output.dense", inner, hidden, () => Linear(Layer().OutputWeight, hidden, inner), () => Layer().OutputBias),
                source.LayerNorm($"encoder.layer.{l}.output.LayerNorm", hidden, () => Layer().OutputNormWeight, () => Layer().OutputNormBias, config.LayerNormEpsilon));
        })];
        Pooler = source.Dense("pooler.dense", hidden, hidden, () => Linear(HeadWeights().PoolerWeight, hidden, hidden), () => HeadWeights().PoolerBias);
        ClassifierWeight = source.Tensor("classifier.weight", [hidden, labels], () => Linear(HeadWeights().ClassifierWeight, labels, hidden));
        ClassifierBias = source.Tensor("classifier.bias", [labels], () => HeadWeights().ClassifierBias, 2 * fractionalBits);
        source.Complete();
        Embedding = new WeightGroup([WordAndTypeEmbedding, PositionEmbedding, .. EmbeddingNorm.Tensors]);
        Head = new WeightGroup([.. Pooler.Tensors, ClassifierWeight, ClassifierBias]);
    }

    public BertConfig Config { get; }

    /// <summary>[vocab + type vocab, hidden]: the word embedding, then the token-type embedding.</summary>
    public WeightTensor WordAndTypeEmbedding { get; }

    /// <summary>[max positions, hidden].</summary>
    public WeightTensor PositionEmbedding { get; }

    public SecureLayerNorm EmbeddingNorm { get; }

    public IReadOnlyList<SecureBertLayer> Layers { get; }

    /// <summary>Dense layer of the pooler (tanh follows).</summary>
    public SecureDense Pooler { get; }

    /// <summary>[hidden, labels].</summary>
    public WeightTensor ClassifierWeight { get; }

    /// <summary>[labels] with 2f fractional bits.</summary>
    public WeightTensor ClassifierBias { get; }

    /// <summary>What the embedding step reads: the stacked and position embeddings and their LayerNorm.</summary>
    public WeightGroup Embedding { get; }

    /// <summary>What the classifier step reads: the pooler and the classifier.</summary>
    public WeightGroup Head { get; }

    /// <summary>All three parties call this with the public config; only the owner passes <paramref name="weights"/>.</summary>
    public static SecureBertWeights Share(PartyContext context, BertConfig config, BertWeights? weights, IProgress<ProgressStep>? progress = null)
    {
        if (context.Id == WeightDealer.Owner && weights is null) throw new ArgumentNullException(nameof(weights), "The model owner must supply the weights.");
        if (!config.IsClassifier || (weights is not null && weights.Head is null)) throw new ArgumentException("The BERT checkpoint has no classification head (BertModel).", nameof(config));
        using var _ = context.Scope("share_weights");
        return From(new WeightDealer(context, progress), config, weights);
    }

    /// <summary>
    /// The weights declared through <paramref name="source"/>, which they own from then on;
    /// <paramref name="weights"/> is read only where the source needs plaintext.
    /// </summary>
    public static SecureBertWeights From(IWeightSource source, BertConfig config, BertWeights? weights)
    {
        try
        {
            if (!config.IsClassifier) throw new ArgumentException("The BERT checkpoint has no classification head (BertModel).", nameof(config));
            return new SecureBertWeights(config, source, weights);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    public void Dispose() => _source.Dispose();
}
