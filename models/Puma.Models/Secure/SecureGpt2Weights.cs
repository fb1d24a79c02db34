using Puma.Models.Checkpoints;
using Puma.Models.Reference;
using Puma.Protocols.Core;
using Puma.Models.Progress;

namespace Puma.Models.Secure;

/// <summary>
/// Shares of every GPT-2 tensor, from any <see cref="IWeightSource"/> (dealt by the owner, or
/// mapped from a party bundle). Tensor names follow Hugging Face's GPT-2. The 1/√headSize of the attention scores is folded into the query columns of c_attn (weight and
/// bias). A tied LM head is the token embedding tensor itself, declared once and read by both the
/// <see cref="Embedding"/> and the <see cref="Head"/> groups. Nothing is pinned: the forward holds
/// one group at a time, and the source decides which tensors stay resident between requests.
/// </summary>
internal sealed class SecureGpt2Weights : IDisposable
{
    private readonly IWeightSource _source;

    private SecureGpt2Weights(Gpt2Config config, IWeightSource source, Gpt2Weights? weights)
    {
        Config = config;
        _source = source;
        int vocab = config.VocabSize, width = config.Width, inner = config.InnerSize;
        var queryScale = 1.0 / Math.Sqrt(config.HeadSize);
        Gpt2Weights Plain() => weights!;
        TokenEmbedding = source.Tensor("wte", [vocab, width], () => Plain().TokenEmbedding);
        PositionEmbedding = source.Tensor("wpe", [config.ContextLength, width], () => Plain().PositionEmbedding);
        Layers = [.. Enumerable.Range(0, config.Layers).Select(l =>
        {
            Gpt2LayerWeights Layer() => Plain().Layers[l];
            return new SecureGpt2Layer(
                source.LayerNorm($"h.{l}.ln_1", width, () => Layer().Norm1Weight, () => Layer().Norm1Bias, config.LayerNormEpsilon),
                source.Dense($"h.{l}.attn.c_attn", width, 3 * width,
                    () => WeightLayout.ScaleLeadingColumns(Layer().QkvWeight, 3 * width, width, queryScale),
                    () => WeightLayout.ScaleLeadingColumns(Layer().QkvBias, 3 * width, width, queryScale)),
                source.Dense($"h.{l}.attn.c_proj", width, width, () => Layer().AttentionOutputWeight, () => Layer().AttentionOutputBias),
                source.LayerNorm($"h.{l}.ln_2", width, () => Layer().Norm2Weight, () => Layer().Norm2Bias, config.LayerNormEpsilon),
                source.Dense($"h.{l}.mlp.c_fc", width, inner, () => Layer().MlpUpWeight, () => Layer().MlpUpBias),
                source.Dense($"h.{l}.mlp.c_proj", inner, width, () => Layer().MlpDownWeight, () => Layer().MlpDownBias));
        })];
        FinalNorm = source.LayerNorm("ln_f", width, () => Plain().FinalNormWeight, () => Plain().FinalNormBias, config.LayerNormEpsilon);
        LmHead = config.TieWordEmbeddings ? TokenEmbedding : source.Tensor("lm_head", [vocab, width], () => Plain().LmHead);
        source.Complete();
        Embedding = new WeightGroup([TokenEmbedding, PositionEmbedding]);
        Head = new WeightGroup([.. FinalNorm.Tensors, LmHead]);
    }

    public Gpt2Config Config { get; }

    /// <summary>[vocab, width].</summary>
    public WeightTensor TokenEmbedding { get; }

    /// <summary>[context, width].</summary>
    public WeightTensor PositionEmbedding { get; }

    public IReadOnlyList<SecureGpt2Layer> Layers { get; }

    public SecureLayerNorm FinalNorm { get; }

    /// <summary>[vocab, width]: logits are hidden·LmHeadᵀ.</summary>
    public WeightTensor LmHead { get; }

    /// <summary>What the embedding step reads: the token and position embeddings.</summary>
    public WeightGroup Embedding { get; }

    /// <summary>What the head reads: the final LayerNorm and the LM head.</summary>
    public WeightGroup Head { get; }

    /// <summary>All three parties call this with the public config; only the owner passes <paramref name="weights"/>.</summary>
    public static SecureGpt2Weights Share(PartyContext context, Gpt2Config config, Gpt2Weights? weights, IProgress<ProgressStep>? progress = null)
    {
        if (context.Id == WeightDealer.Owner && weights is null) throw new ArgumentNullException(nameof(weights), "The model owner must supply the weights.");
        using var _ = context.Scope("share_weights");
        return From(new WeightDealer(context, progress), config, weights);
    }

    /// <summary>
    /// The weights declared through <paramref name="source"/>, which they own from then on;
    /// <paramref name="weights"/> is read only where the source needs plaintext.
    /// </summary>
    public static SecureGpt2Weights From(IWeightSource source, Gpt2Config config, Gpt2Weights? weights)
    {
        try
        {
            return new SecureGpt2Weights(config, source, weights);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    public void Dispose() => _source.Dispose();
}
