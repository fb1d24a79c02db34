using Puma.Models.Checkpoints;
using Puma.Models.Progress;

namespace Puma.Models.Reference;

/// <summary>
/// A BERT checkpoint (HF BertModel, or BertForSequenceClassification with its <c>bert.</c>
/// prefix, pooler and classifier) in float64, every tensor checked against the shape its config
/// implies.
/// </summary>
public sealed class BertWeights
{
    private BertWeights(BertConfig config, double[] wordEmbedding, double[] positionEmbedding, double[] tokenTypeEmbedding,
        double[] embeddingNormWeight, double[] embeddingNormBias, BertLayerWeights[] layers, BertHeadWeights? head)
    {
        Config = config;
        WordEmbedding = wordEmbedding;
        PositionEmbedding = positionEmbedding;
        TokenTypeEmbedding = tokenTypeEmbedding;
        EmbeddingNormWeight = embeddingNormWeight;
        EmbeddingNormBias = embeddingNormBias;
        Layers = layers;
        Head = head;
    }

    public BertConfig Config { get; }

    /// <summary>[vocab, hidden].</summary>
    public double[] WordEmbedding { get; }

    /// <summary>[max positions, hidden].</summary>
    public double[] PositionEmbedding { get; }

    /// <summary>[type vocab, hidden].</summary>
    public double[] TokenTypeEmbedding { get; }

    public double[] EmbeddingNormWeight { get; }

    public double[] EmbeddingNormBias { get; }

    public IReadOnlyList<BertLayerWeights> Layers { get; }

    /// <summary>Pooler and classifier; null for a plain BertModel checkpoint.</summary>
    public BertHeadWeights? Head { get; }

    /// <summary>Loads <c>config.json</c> and <c>model.safetensors</c> from a HF model folder.</summary>
    /// <param name="progress">Hears <see cref="ProgressStages.LoadingWeights"/> as tensors are read.</param>
    public static BertWeights Load(string directory, IProgress<ProgressStep>? progress = null)
    {
        var config = BertConfig.Load(Path.Combine(directory, "config.json"));
        using var file = SafetensorsFile.Open(Path.Combine(directory, "model.safetensors"));
        return Load(config, file, progress);
    }

    public static BertWeights Load(BertConfig config, SafetensorsFile file, IProgress<ProgressStep>? progress = null)
    {
        var prefix = file.Contains("bert.embeddings.word_embeddings.weight") ? "bert." : "";
        var (hidden, intermediate) = (config.Hidden, config.Intermediate);
        var loading = new ProgressCounter(progress, ProgressStages.LoadingWeights, file.Tensors.Values.Sum(tensor => tensor.ByteLength));
        double[] Read(string name, params ReadOnlySpan<int> shape)
        {
            var values = file.ReadDoubles(prefix + name, shape);
            loading.Advance(file.Info(prefix + name).ByteLength);
            return values;
        }

        var layers = new BertLayerWeights[config.Layers];
        for (var i = 0; i < layers.Length; i++)
        {
            var layer = $"encoder.layer.{i}.";
            layers[i] = new BertLayerWeights(
                QueryWeight: Read(layer + "attention.self.query.weight", hidden, hidden),
                QueryBias: Read(layer + "attention.self.query.bias", hidden),
                KeyWeight: Read(layer + "attention.self.key.weight", hidden, hidden),
                KeyBias: Read(layer + "attention.self.key.bias", hidden),
                ValueWeight: Read(layer + "attention.self.value.weight", hidden, hidden),
                ValueBias: Read(layer + "attention.self.value.bias", hidden),
                AttentionOutputWeight: Read(layer + "attention.output.dense.weight", hidden, hidden),
                AttentionOutputBias: Read(layer + "attention.output.dense.bias", hidden),
                AttentionNormWeight: Read(layer + "attention.output.LayerNorm.weight", hidden),
                AttentionNormBias: Read(layer + "attention.output.LayerNorm.bias", hidden),
                IntermediateWeight: Read(layer + "intermediate.dense.weight", intermediate, hidden),
                IntermediateBias: Read(layer + "intermediate.dense.bias", intermediate),
                OutputWeight: Read(layer + "output.dense.weight", hidden, intermediate),
                OutputBias: Read(layer + "output.dense.bias", hidden),
                OutputNormWeight: Read(layer + "output.LayerNorm.weight", hidden),
                OutputNormBias: Read(layer + "output.LayerNorm.bias", hidden));
        }

        BertHeadWeights? head = null;
        if (config.IsClassifier)
        {
            var labels = config.Labels.Count;
            head = new BertHeadWeights(
                PoolerWeight: Read("pooler.dense.weight", hidden, hidden),
                PoolerBias: Read("pooler.dense.bias", hidden),
                ClassifierWeight: file.ReadDoubles("classifier.weight", labels, hidden),
                ClassifierBias: file.ReadDoubles("classifier.bias", labels));
        }

        var weights = new BertWeights(config,
            Read("embeddings.word_embeddings.weight", config.VocabSize, hidden),
            Read("embeddings.position_embeddings.weight", config.MaxPositions, hidden),
            Read("embeddings.token_type_embeddings.weight", config.TypeVocabSize, hidden),
            Read("embeddings.LayerNorm.weight", hidden),
            Read("embeddings.LayerNorm.bias", hidden),
            layers, head);
        loading.Complete();
        return weights;
    }
}
