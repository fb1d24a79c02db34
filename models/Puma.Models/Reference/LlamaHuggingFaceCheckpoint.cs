using System.Runtime.InteropServices;
using Puma.Models.Checkpoints;

namespace Puma.Models.Reference;

/// <summary>
/// A Hugging Face LlamaForCausalLM folder (<c>config.json</c> + <c>model.safetensors</c>) as
/// <see cref="LlamaWeights"/>. Every tensor's shape is checked against the config on open.
/// F32 tensors are read in place from the mapping; F16/BF16 are widened to float once, on open.
/// HF's q/k rows are already permuted for rotate-half RoPE, so they are used as stored.
/// </summary>
public sealed class LlamaHuggingFaceCheckpoint : LlamaWeights, IDisposable
{
    private const string Embedding = "model.embed_tokens.weight";
    private const string Norm = "model.norm.weight";
    private const string LmHead = "lm_head.weight";

    private readonly SafetensorsFile _file;
    private readonly string _classifierName;
    private readonly Dictionary<string, float[]> _widened = [];

    private LlamaHuggingFaceCheckpoint(LlamaHuggingFaceConfig config, SafetensorsFile file)
    {
        Config = config.Model;
        _file = file;
        _classifierName = config.TieWordEmbeddings ? Embedding : LmHead;
        var model = config.Model;
        Check(Embedding, model.VocabSize, model.Dim);
        Check(Norm, model.Dim);
        Check(_classifierName, model.VocabSize, model.Dim);
        for (var layer = 0; layer < model.Layers; layer++)
        {
            Check(LayerTensor(layer, "input_layernorm"), model.Dim);
            Check(LayerTensor(layer, "self_attn.q_proj"), model.Dim, model.Dim);
            Check(LayerTensor(layer, "self_attn.k_proj"), model.KvDim, model.Dim);
            Check(LayerTensor(layer, "self_attn.v_proj"), model.KvDim, model.Dim);
            Check(LayerTensor(layer, "self_attn.o_proj"), model.Dim, model.Dim);
            Check(LayerTensor(layer, "post_attention_layernorm"), model.Dim);
            Check(LayerTensor(layer, "mlp.gate_proj"), model.HiddenDim, model.Dim);
            Check(LayerTensor(layer, "mlp.up_proj"), model.HiddenDim, model.Dim);
            Check(LayerTensor(layer, "mlp.down_proj"), model.Dim, model.HiddenDim);
        }
    }

    /// <inheritdoc />
    public override LlamaConfig Config { get; }

    /// <summary>Opens <c>config.json</c> and <c>model.safetensors</c> in <paramref name="directory"/>.</summary>
    /// <exception cref="CheckpointException">A file is malformed or a tensor is missing or mis-shaped.</exception>
    public static LlamaHuggingFaceCheckpoint Open(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var config = LlamaHuggingFaceConfig.Load(Path.Combine(directory, "config.json"));
        var file = SafetensorsFile.Open(Path.Combine(directory, "model.safetensors"));
        try
        {
            return new LlamaHuggingFaceCheckpoint(config, file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override ReadOnlySpan<float> TokenEmbedding => Tensor(Embedding);

    /// <inheritdoc />
    public override ReadOnlySpan<float> AttentionNorm(int layer) => Tensor(LayerTensor(layer, "input_layernorm"));

    /// <inheritdoc />
    public override ReadOnlySpan<float> Query(int layer) => Tensor(LayerTensor(layer, "self_attn.q_proj"));

    /// <inheritdoc />
    public override ReadOnlySpan<float> Key(int layer) => Tensor(LayerTensor(layer, "self_attn.k_proj"));

    /// <inheritdoc />
    public override ReadOnlySpan<float> Value(int layer) => Tensor(LayerTensor(layer, "self_attn.v_proj"));

    /// <inheritdoc />
    public override ReadOnlySpan<float> AttentionOutput(int layer) => Tensor(LayerTensor(layer, "self_attn.o_proj"));

    /// <inheritdoc />
    public override ReadOnlySpan<float> FeedForwardNorm(int layer) => Tensor(LayerTensor(layer, "post_attention_layernorm"));

    /// <inheritdoc />
    public override ReadOnlySpan<float> Gate(int layer) => Tensor(LayerTensor(layer, "mlp.gate_proj"));

    /// <inheritdoc />
    public override ReadOnlySpan<float> Up(int layer) => Tensor(LayerTensor(layer, "mlp.up_proj"));

    /// <inheritdoc />
    public override ReadOnlySpan<float> Down(int layer) => Tensor(LayerTensor(layer, "mlp.down_proj"));

    /// <inheritdoc />
    public override ReadOnlySpan<float> FinalNorm => Tensor(Norm);

    /// <inheritdoc />
    public override ReadOnlySpan<float> Classifier => Tensor(_classifierName);

    /// <summary>Unmaps the safetensors file; spans obtained earlier must no longer be used.</summary>
    public void Dispose() => _file.Dispose();

    private string LayerTensor(int layer, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, Config.Layers);
        return $"model.layers.{layer}.{name}.weight";
    }

    /// <summary>Checks the shape; tensors not stored as little-endian F32 are widened now.</summary>
    private void Check(string name, params ReadOnlySpan<int> shape)
    {
        var info = _file.Info(name, shape);
        if (info.DType != TensorDType.F32 || !BitConverter.IsLittleEndian) _widened[name] = _file.ReadSingles(name, shape);
    }

    private ReadOnlySpan<float> Tensor(string name) =>
        _widened.TryGetValue(name, out var floats) ? floats : MemoryMarshal.Cast<byte, float>(_file.Bytes(name));
}
