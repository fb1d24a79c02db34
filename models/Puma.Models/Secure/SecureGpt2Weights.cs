using Puma.Models.Checkpoints;
using Puma.Models.Progress;
using Puma.Models.Reference;
using Puma.Protocols.Core;

namespace Puma.Models.Secure;

/// <summary>
/// Shares of every GPT-2 tensor, dealt once per run by the model owner (<see cref="WeightDealer"/>).
/// The 1/√headSize of the attention scores is folded into the query columns of c_attn (weight and
/// bias). A tied LM head is the token embedding share itself, shared once.
/// </summary>
internal sealed class SecureGpt2Weights : IDisposable
{
    private readonly WeightDealer _dealer;

    private SecureGpt2Weights(Gpt2Config config, WeightDealer dealer, Gpt2Weights? weights)
    {
        Config = config;
        _dealer = dealer;
        int vocab = config.VocabSize, width = config.Width, inner = config.InnerSize;
        var queryScale = 1.0 / Math.Sqrt(config.HeadSize);
        Gpt2Weights Plain() => weights!;
        TokenEmbedding = dealer.Tensor(vocab * width, () => Plain().TokenEmbedding);
        PositionEmbedding = dealer.Tensor(config.ContextLength * width, () => Plain().PositionEmbedding);
        Layers = [.. Enumerable.Range(0, config.Layers).Select(l =>
        {
            Gpt2LayerWeights Layer() => Plain().Layers[l];
            return new SecureGpt2Layer(
                dealer.LayerNorm(width, () => Layer().Norm1Weight, () => Layer().Norm1Bias, config.LayerNormEpsilon),
                dealer.Dense(width, 3 * width,
                    () => WeightLayout.ScaleLeadingColumns(Layer().QkvWeight, 3 * width, width, queryScale),
                    () => WeightLayout.ScaleLeadingColumns(Layer().QkvBias, 3 * width, width, queryScale)),
                dealer.Dense(width, width, () => Layer().AttentionOutputWeight, () => Layer().AttentionOutputBias),
                dealer.LayerNorm(width, () => Layer().Norm2Weight, () => Layer().Norm2Bias, config.LayerNormEpsilon),
                dealer.Dense(width, inner, () => Layer().MlpUpWeight, () => Layer().MlpUpBias),
                dealer.Dense(inner, width, () => Layer().MlpDownWeight, () => Layer().MlpDownBias));
        })];
        FinalNorm = dealer.LayerNorm(width, () => Plain().FinalNormWeight, () => Plain().FinalNormBias, config.LayerNormEpsilon);
        LmHead = config.TieWordEmbeddings ? TokenEmbedding : dealer.Tensor(vocab * width, () => Plain().LmHead);
        dealer.Deal();
    }

    public Gpt2Config Config { get; }

    /// <summary>[vocab, width].</summary>
    public AShare TokenEmbedding { get; }

    /// <summary>[context, width].</summary>
    public AShare PositionEmbedding { get; }

    public IReadOnlyList<SecureGpt2Layer> Layers { get; }

    public SecureLayerNorm FinalNorm { get; }

    /// <summary>[vocab, width]: logits are hidden·LmHeadᵀ.</summary>
    public AShare LmHead { get; }

    /// <summary>All three parties call this with the public config; only the owner passes <paramref name="weights"/>.</summary>
    public static SecureGpt2Weights Share(PartyContext context, Gpt2Config config, Gpt2Weights? weights, IProgress<ProgressStep>? progress = null)
    {
        if (context.Id == WeightDealer.Owner && weights is null) throw new ArgumentNullException(nameof(weights), "The model owner must supply the weights.");
        using var _ = context.Scope("share_weights");
        var dealer = new WeightDealer(context, progress);
        try
        {
            return new SecureGpt2Weights(config, dealer, weights);
        }
        catch
        {
            dealer.Dispose();
            throw;
        }
    }

    public void Dispose() => _dealer.Dispose();
}
