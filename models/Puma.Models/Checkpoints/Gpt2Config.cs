namespace Puma.Models.Checkpoints;

/// <summary>
/// The fields of a Hugging Face GPT-2 <c>config.json</c> (GPT2LMHeadModel / GPT2Model) that the
/// forward pass depends on, validated on load.
/// </summary>
public sealed record Gpt2Config(
    int VocabSize,
    int ContextLength,
    int Width,
    int Layers,
    int Heads,
    int InnerSize,
    HiddenActivation Activation,
    double LayerNormEpsilon,
    bool TieWordEmbeddings)
{
    private static readonly string[] Architectures = ["GPT2LMHeadModel", "GPT2Model"];

    public int HeadSize => Width / Heads;

    public static Gpt2Config Load(string path) => From(ConfigJson.Load(path));

    public static Gpt2Config From(ConfigJson json)
    {
        var modelType = json.String("model_type");
        json.Require(modelType is null or "gpt2", "model_type", $"is '{modelType}', expected 'gpt2'");
        var architectures = json.Strings("architectures");
        json.Require(architectures.Count == 0 || architectures.Any(Architectures.Contains), "architectures",
            $"[{string.Join(", ", architectures)}] names no GPT-2 model (expected {string.Join(" or ", Architectures)})");

        var width = json.PositiveInt("n_embd");
        var heads = json.PositiveInt("n_head");
        json.Require(width % heads == 0, "n_head", $"{heads} heads do not divide n_embd {width}");

        var activationName = json.String("activation_function") ?? "gelu_new";
        return new Gpt2Config(
            VocabSize: json.PositiveInt("vocab_size"),
            ContextLength: json.PositiveInt("n_positions"),
            Width: width,
            Layers: json.PositiveInt("n_layer"),
            Heads: heads,
            InnerSize: json.PositiveInt("n_inner", 4 * width),
            Activation: HiddenActivations.Parse(json, "activation_function", activationName),
            LayerNormEpsilon: json.PositiveDouble("layer_norm_epsilon", 1e-5),
            TieWordEmbeddings: json.Bool("tie_word_embeddings", true));
    }
}
