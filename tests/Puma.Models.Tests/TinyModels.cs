using Puma.Models.Checkpoints;

namespace Puma.Models.Tests;

/// <summary>
/// Tiny random GPT-2 and BERT checkpoints (HF names and layouts) written to a temp folder, for
/// loader and forward tests that need no fixtures. Weights are rounded to the chosen dtype
/// before writing, so the same seed gives the same model in every dtype that can hold it.
/// </summary>
internal sealed class TinyModels : IDisposable
{
    public const int Vocab = 23;
    public const int Width = 8;
    public const int Heads = 2;
    public const int Layers = 2;
    public const int Inner = 12;
    public const int Positions = 16;

    public TinyModels()
    {
        Directory = Path.Combine(Path.GetTempPath(), "puma-models-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string Gpt2ConfigJson(int heads = Heads, int inner = Inner) => $$$"""
        {"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "vocab_size": {{{Vocab}}}, "n_positions": {{{Positions}}},
         "n_embd": {{{Width}}}, "n_layer": {{{Layers}}}, "n_head": {{{heads}}}, "n_inner": {{{inner}}}, "activation_function": "gelu_new",
         "layer_norm_epsilon": 1e-05, "tie_word_embeddings": true}
        """;

    public string BertConfigJson(string architecture = "BertForSequenceClassification") => $$$"""
        {"architectures": ["{{{architecture}}}"], "model_type": "bert", "vocab_size": {{{Vocab}}}, "hidden_size": {{{Width}}},
         "num_hidden_layers": {{{Layers}}}, "num_attention_heads": {{{Heads}}}, "intermediate_size": {{{Inner}}}, "hidden_act": "gelu",
         "max_position_embeddings": {{{Positions}}}, "type_vocab_size": 2, "layer_norm_eps": 1e-12, "id2label": {"0": "ham", "1": "spam"}}
        """;

    public static List<SafetensorsWriter.Tensor> Gpt2Tensors(int seed, TensorDType dtype)
    {
        var random = new Random(seed);
        var tensors = new List<SafetensorsWriter.Tensor>();
        void Add(string name, params int[] shape) => tensors.Add(RandomTensor(random, name, dtype, shape));
        Add("wte.weight", Vocab, Width);
        Add("wpe.weight", Positions, Width);
        for (var i = 0; i < Layers; i++)
        {
            Add($"h.{i}.ln_1.weight", Width);
            Add($"h.{i}.ln_1.bias", Width);
            Add($"h.{i}.attn.c_attn.weight", Width, 3 * Width);
            Add($"h.{i}.attn.c_attn.bias", 3 * Width);
            Add($"h.{i}.attn.c_proj.weight", Width, Width);
            Add($"h.{i}.attn.c_proj.bias", Width);
            Add($"h.{i}.ln_2.weight", Width);
            Add($"h.{i}.ln_2.bias", Width);
            Add($"h.{i}.mlp.c_fc.weight", Width, Inner);
            Add($"h.{i}.mlp.c_fc.bias", Inner);
            Add($"h.{i}.mlp.c_proj.weight", Inner, Width);
            Add($"h.{i}.mlp.c_proj.bias", Width);
        }
        Add("ln_f.weight", Width);
        Add("ln_f.bias", Width);
        return tensors;
    }

    public static List<SafetensorsWriter.Tensor> BertTensors(int seed, TensorDType dtype, bool withHead = true)
    {
        var random = new Random(seed);
        var tensors = new List<SafetensorsWriter.Tensor>();
        var prefix = withHead ? "bert." : "";
        void Add(string name, params int[] shape) => tensors.Add(RandomTensor(random, name, dtype, shape));
        Add(prefix + "embeddings.word_embeddings.weight", Vocab, Width);
        Add(prefix + "embeddings.position_embeddings.weight", Positions, Width);
        Add(prefix + "embeddings.token_type_embeddings.weight", 2, Width);
        Add(prefix + "embeddings.LayerNorm.weight", Width);
        Add(prefix + "embeddings.LayerNorm.bias", Width);
        for (var i = 0; i < Layers; i++)
        {
            var layer = $"{prefix}encoder.layer.{i}.";
            foreach (var projection in new[] { "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense" })
            {
                Add(layer + projection + ".weight", Width, Width);
                Add(layer + projection + ".bias", Width);
            }
            Add(layer + "attention.output.LayerNorm.weight", Width);
            Add(layer + "attention.output.LayerNorm.bias", Width);
            Add(layer + "intermediate.dense.weight", Inner, Width);
            Add(layer + "intermediate.dense.bias", Inner);
            Add(layer + "output.dense.weight", Width, Inner);
            Add(layer + "output.dense.bias", Width);
            Add(layer + "output.LayerNorm.weight", Width);
            Add(layer + "output.LayerNorm.bias", Width);
        }
        if (withHead)
        {
            Add("bert.pooler.dense.weight", Width, Width);
            Add("bert.pooler.dense.bias", Width);
            Add("classifier.weight", 2, Width);
            Add("classifier.bias", 2);
        }
        return tensors;
    }

    /// <summary>Writes config.json and model.safetensors into a fresh subfolder and returns it.</summary>
    public string WriteModel(string configJson, IEnumerable<SafetensorsWriter.Tensor> tensors)
    {
        var folder = Path.Combine(Directory, Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), configJson);
        SafetensorsWriter.Write(Path.Combine(folder, "model.safetensors"), tensors);
        return folder;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static SafetensorsWriter.Tensor RandomTensor(Random random, string name, TensorDType dtype, int[] shape)
    {
        var count = shape.Aggregate(1, (a, b) => a * b);
        var values = new float[count];
        for (var i = 0; i < count; i++) values[i] = SafetensorsWriter.Stored((float)(random.NextDouble() * 0.8 - 0.4), dtype);
        return new SafetensorsWriter.Tensor(name, dtype, shape, values);
    }
}
