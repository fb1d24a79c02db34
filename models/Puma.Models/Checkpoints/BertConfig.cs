namespace Puma.Models.Checkpoints;

/// <summary>
/// The fields of a Hugging Face BERT <c>config.json</c> (BertModel / BertForSequenceClassification)
/// that the forward pass depends on, validated on load.
/// </summary>
public sealed record BertConfig(
    int VocabSize,
    int Hidden,
    int Layers,
    int Heads,
    int Intermediate,
    HiddenActivation Activation,
    int MaxPositions,
    int TypeVocabSize,
    double LayerNormEpsilon,
    int? PadTokenId,
    bool IsClassifier,
    IReadOnlyList<string> Labels)
{
    private const string ClassifierArchitecture = "BertForSequenceClassification";
    private static readonly string[] Architectures = ["BertModel", ClassifierArchitecture];

    /// <summary>More labels than any classifier has; a larger num_labels is a corrupt field, not a list to build.</summary>
    private const int MaxLabels = 100_000;

    public int HeadSize => Hidden / Heads;

    public static BertConfig Load(string path) => From(ConfigJson.Load(path));

    public static BertConfig From(ConfigJson json)
    {
        var modelType = json.String("model_type");
        json.Require(modelType is null or "bert", "model_type", $"is '{modelType}', expected 'bert'");
        var architectures = json.Strings("architectures");
        json.Require(architectures.Count == 0 || architectures.Any(Architectures.Contains), "architectures",
            $"[{string.Join(", ", architectures)}] names no BERT model (expected {string.Join(" or ", Architectures)})");
        var positionKind = json.String("position_embedding_type");
        json.Require(positionKind is null or "absolute", "position_embedding_type", $"'{positionKind}' is not supported (only absolute)");

        var hidden = json.PositiveInt("hidden_size");
        var heads = json.PositiveInt("num_attention_heads");
        json.Require(hidden % heads == 0, "num_attention_heads", $"{heads} heads do not divide hidden_size {hidden}");

        var vocabSize = json.PositiveInt("vocab_size");
        var padTokenId = json.OptionalInt("pad_token_id");
        json.Require(padTokenId is null || (padTokenId >= 0 && padTokenId < vocabSize), "pad_token_id", $"{padTokenId} is outside the vocabulary of {vocabSize}");

        var isClassifier = architectures.Contains(ClassifierArchitecture);
        var labels = json.IndexedStrings("id2label");
        if (labels.Count == 0)
        {
            var count = json.PositiveInt("num_labels", 2);
            json.Require(count <= MaxLabels, "num_labels", $"{count} labels is more than the {MaxLabels} this reader accepts");
            labels = Enumerable.Range(0, count).Select(i => $"LABEL_{i}").ToArray();
        }

        return new BertConfig(
            VocabSize: vocabSize,
            Hidden: hidden,
            Layers: json.PositiveInt("num_hidden_layers"),
            Heads: heads,
            Intermediate: json.PositiveInt("intermediate_size"),
            Activation: HiddenActivations.Parse(json, "hidden_act", json.String("hidden_act") ?? "gelu"),
            MaxPositions: json.PositiveInt("max_position_embeddings"),
            TypeVocabSize: json.PositiveInt("type_vocab_size", 2),
            LayerNormEpsilon: json.PositiveDouble("layer_norm_eps", 1e-12),
            PadTokenId: padTokenId,
            IsClassifier: isClassifier,
            Labels: labels);
    }
}
