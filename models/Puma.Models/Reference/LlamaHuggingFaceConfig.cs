using Puma.Models.Checkpoints;

namespace Puma.Models.Reference;

/// <summary>
/// A Hugging Face LLaMA <c>config.json</c> (LlamaForCausalLM / LlamaModel) read into the
/// format-neutral <see cref="LlamaConfig"/>, refusing the variants the reference does not
/// implement (RoPE scaling, biases, activations other than SiLU) rather than computing them wrong.
/// </summary>
/// <param name="Model">The shape, with HF's rotate-half RoPE pairing.</param>
/// <param name="TieWordEmbeddings">Whether the LM head is the token embedding (no <c>lm_head.weight</c>).</param>
public sealed record LlamaHuggingFaceConfig(LlamaConfig Model, bool TieWordEmbeddings)
{
    private static readonly string[] Architectures = ["LlamaForCausalLM", "LlamaModel"];

    /// <summary>Reads and validates <paramref name="path"/>; throws <see cref="CheckpointException"/> naming the field at fault.</summary>
    public static LlamaHuggingFaceConfig Load(string path) => From(ConfigJson.Load(path));

    /// <summary>Validates an already parsed config.</summary>
    public static LlamaHuggingFaceConfig From(ConfigJson json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var modelType = json.String("model_type");
        json.Require(modelType is null or "llama", "model_type", $"is '{modelType}', expected 'llama'");
        var architectures = json.Strings("architectures");
        json.Require(architectures.Count == 0 || architectures.Any(Architectures.Contains), "architectures",
            $"[{string.Join(", ", architectures)}] names no LLaMA model (expected {string.Join(" or ", Architectures)})");
        var activation = json.String("hidden_act") ?? "silu";
        json.Require(activation == "silu", "hidden_act", $"activation '{activation}' is not supported (expected silu)");
        json.Require(!json.Has("rope_scaling"), "rope_scaling", "RoPE scaling is not supported");
        json.Require(!json.Bool("attention_bias", false), "attention_bias", "attention biases are not supported");
        json.Require(!json.Bool("mlp_bias", false), "mlp_bias", "MLP biases are not supported");

        var dim = json.PositiveInt("hidden_size");
        var heads = json.PositiveInt("num_attention_heads");
        var headDim = json.OptionalInt("head_dim");
        json.Require(headDim is null || headDim * heads == dim, "head_dim", $"{headDim} times {heads} heads is not hidden_size {dim}");

        var model = new LlamaConfig(
            Dim: dim,
            HiddenDim: json.PositiveInt("intermediate_size"),
            Layers: json.PositiveInt("num_hidden_layers"),
            Heads: heads,
            KvHeads: json.PositiveInt("num_key_value_heads", heads),
            VocabSize: json.PositiveInt("vocab_size"),
            MaxSequenceLength: json.PositiveInt("max_position_embeddings"),
            NormEpsilon: json.PositiveDouble("rms_norm_eps", 1e-6),
            RopeTheta: json.PositiveDouble("rope_theta", 10000),
            RopeLayout: LlamaRopeLayout.RotateHalf);
        if (model.FindProblem() is { } problem) throw new CheckpointException(json.FilePath, null, problem);
        return new LlamaHuggingFaceConfig(model, json.Bool("tie_word_embeddings", false));
    }
}
