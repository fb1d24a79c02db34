namespace Puma.Models.Reference;

/// <summary>
/// Plaintext float64 GPT-2 forward (pre-LayerNorm blocks, causal attention, learned positions,
/// tanh or exact GeLU as configured) — the ground truth the secure forward is compared with.
/// </summary>
public sealed class Gpt2Reference(Gpt2Weights weights)
{
    public Gpt2Weights Weights { get; } = weights;

    /// <summary>The hidden states after the final LayerNorm, [tokens, width].</summary>
    public double[] FinalHidden(ReadOnlySpan<int> ids)
    {
        var config = Weights.Config;
        if (ids.Length == 0 || ids.Length > config.ContextLength)
            throw new ArgumentException($"{ids.Length} tokens; GPT-2 takes 1..{config.ContextLength}", nameof(ids));
        var (tokens, width) = (ids.Length, config.Width);

        var x = new double[tokens * width];
        for (var t = 0; t < tokens; t++)
        {
            if ((uint)ids[t] >= (uint)config.VocabSize)
                throw new ArgumentException($"token {ids[t]} at position {t} is outside the vocabulary of {config.VocabSize}", nameof(ids));
            var row = x.AsSpan(t * width, width);
            Weights.TokenEmbedding.AsSpan(ids[t] * width, width).CopyTo(row);
            PlainMath.Add(row, Weights.PositionEmbedding.AsSpan(t * width, width));
        }

        foreach (var layer in Weights.Layers)
        {
            PlainMath.Add(x, Attention(x, tokens, layer));
            PlainMath.Add(x, Mlp(x, tokens, layer));
        }

        PlainMath.LayerNorm(x, Weights.FinalNormWeight, Weights.FinalNormBias, config.LayerNormEpsilon);
        return x;
    }

    /// <summary>Next-token logits [vocab] for one row of <see cref="FinalHidden"/>.</summary>
    public double[] LogitsOf(ReadOnlySpan<double> hiddenRow) =>
        PlainMath.MatMulTransposed(hiddenRow, Weights.LmHead, 1, Weights.Config.Width, Weights.Config.VocabSize);

    /// <summary>Logits for every position, [tokens, vocab].</summary>
    public double[] Logits(ReadOnlySpan<int> ids) =>
        PlainMath.MatMulTransposed(FinalHidden(ids), Weights.LmHead, ids.Length, Weights.Config.Width, Weights.Config.VocabSize);

    private double[] Attention(double[] x, int tokens, Gpt2LayerWeights layer)
    {
        var config = Weights.Config;
        var width = config.Width;
        var normed = (double[])x.Clone();
        PlainMath.LayerNorm(normed, layer.Norm1Weight, layer.Norm1Bias, config.LayerNormEpsilon);
        var qkv = Linear(normed, tokens, layer.QkvWeight, layer.QkvBias, width, 3 * width);

        var (q, k, v) = (new double[tokens * width], new double[tokens * width], new double[tokens * width]);
        for (var t = 0; t < tokens; t++)
        {
            var row = qkv.AsSpan(t * 3 * width, 3 * width);
            row[..width].CopyTo(q.AsSpan(t * width));
            row.Slice(width, width).CopyTo(k.AsSpan(t * width));
            row.Slice(2 * width, width).CopyTo(v.AsSpan(t * width));
        }

        var context = PlainMath.Attention(q, k, v, tokens, config.Heads, config.HeadSize, causal: true);
        return Linear(context, tokens, layer.AttentionOutputWeight, layer.AttentionOutputBias, width, width);
    }

    private double[] Mlp(double[] x, int tokens, Gpt2LayerWeights layer)
    {
        var config = Weights.Config;
        var normed = (double[])x.Clone();
        PlainMath.LayerNorm(normed, layer.Norm2Weight, layer.Norm2Bias, config.LayerNormEpsilon);
        var hidden = Linear(normed, tokens, layer.MlpUpWeight, layer.MlpUpBias, config.Width, config.InnerSize);
        PlainMath.Gelu(hidden, config.Activation);
        return Linear(hidden, tokens, layer.MlpDownWeight, layer.MlpDownBias, config.InnerSize, config.Width);
    }

    /// <summary>Conv1D: x[tokens, in]·W[in, out] + b.</summary>
    private static double[] Linear(double[] x, int tokens, double[] weight, double[] bias, int inputs, int outputs)
    {
        var y = PlainMath.MatMul(x, weight, tokens, inputs, outputs);
        PlainMath.AddBias(y, bias);
        return y;
    }
}
