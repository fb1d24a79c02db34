using Puma.Models.Checkpoints;
using Puma.Models.Progress;

namespace Puma.Models.Reference;

/// <summary>
/// A GPT-2 checkpoint (HF layout, with or without the <c>transformer.</c> prefix) in float64,
/// every tensor checked against the shape its config implies.
/// </summary>
public sealed class Gpt2Weights
{
    private Gpt2Weights(Gpt2Config config, double[] tokenEmbedding, double[] positionEmbedding, Gpt2LayerWeights[] layers,
        double[] finalNormWeight, double[] finalNormBias, double[] lmHead)
    {
        Config = config;
        TokenEmbedding = tokenEmbedding;
        PositionEmbedding = positionEmbedding;
        Layers = layers;
        FinalNormWeight = finalNormWeight;
        FinalNormBias = finalNormBias;
        LmHead = lmHead;
    }

    public Gpt2Config Config { get; }

    /// <summary>[vocab, width].</summary>
    public double[] TokenEmbedding { get; }

    /// <summary>[context, width], learned absolute positions.</summary>
    public double[] PositionEmbedding { get; }

    public IReadOnlyList<Gpt2LayerWeights> Layers { get; }

    public double[] FinalNormWeight { get; }

    public double[] FinalNormBias { get; }

    /// <summary>[vocab, width]; the same array as <see cref="TokenEmbedding"/> when tied.</summary>
    public double[] LmHead { get; }

    /// <summary>Loads <c>config.json</c> and <c>model.safetensors</c> from a HF model folder.</summary>
    /// <param name="progress">Hears <see cref="ProgressStages.LoadingWeights"/> as tensors are read.</param>
    public static Gpt2Weights Load(string directory, IProgress<ProgressStep>? progress = null)
    {
        var config = Gpt2Config.Load(Path.Combine(directory, "config.json"));
        using var file = SafetensorsFile.Open(Path.Combine(directory, "model.safetensors"));
        return Load(config, file, progress);
    }

    public static Gpt2Weights Load(Gpt2Config config, SafetensorsFile file, IProgress<ProgressStep>? progress = null)
    {
        var prefix = file.Contains("transformer.wte.weight") ? "transformer." : "";
        var (width, inner) = (config.Width, config.InnerSize);
        var loading = new ProgressCounter(progress, ProgressStages.LoadingWeights, file.Tensors.Values.Sum(tensor => tensor.ByteLength));
        double[] Read(string name, params ReadOnlySpan<int> shape)
        {
            var values = file.ReadDoubles(prefix + name, shape);
            loading.Advance(file.Info(prefix + name).ByteLength);
            return values;
        }

        var tokenEmbedding = Read("wte.weight", config.VocabSize, width);
        var positionEmbedding = Read("wpe.weight", config.ContextLength, width);
        var layers = new Gpt2LayerWeights[config.Layers];
        for (var i = 0; i < layers.Length; i++)
        {
            var block = $"h.{i}.";
            layers[i] = new Gpt2LayerWeights(
                Norm1Weight: Read(block + "ln_1.weight", width),
                Norm1Bias: Read(block + "ln_1.bias", width),
                QkvWeight: Read(block + "attn.c_attn.weight", width, 3 * width),
                QkvBias: Read(block + "attn.c_attn.bias", 3 * width),
                AttentionOutputWeight: Read(block + "attn.c_proj.weight", width, width),
                AttentionOutputBias: Read(block + "attn.c_proj.bias", width),
                Norm2Weight: Read(block + "ln_2.weight", width),
                Norm2Bias: Read(block + "ln_2.bias", width),
                MlpUpWeight: Read(block + "mlp.c_fc.weight", width, inner),
                MlpUpBias: Read(block + "mlp.c_fc.bias", inner),
                MlpDownWeight: Read(block + "mlp.c_proj.weight", inner, width),
                MlpDownBias: Read(block + "mlp.c_proj.bias", width));
        }

        var lmHead = config.TieWordEmbeddings ? tokenEmbedding : file.ReadDoubles("lm_head.weight", config.VocabSize, width);
        var weights = new Gpt2Weights(config, tokenEmbedding, positionEmbedding, layers,
            Read("ln_f.weight", width), Read("ln_f.bias", width), lmHead);
        loading.Complete();
        return weights;
    }
}
