namespace Puma.Models.Reference;

/// <summary>
/// Plaintext float64 BERT forward (post-LayerNorm encoder, bidirectional attention over an
/// unpadded sequence, exact-erf GeLU as configured) and the sequence-classification head.
/// </summary>
public sealed class BertReference(BertWeights weights)
{
    public BertWeights Weights { get; } = weights;

    /// <summary>
    /// The last encoder layer's output, [tokens, hidden]. <paramref name="tokenTypes"/> defaults to
    /// all zeros (single-segment input).
    /// </summary>
    public double[] Encode(ReadOnlySpan<int> ids, ReadOnlySpan<int> tokenTypes = default)
    {
        var config = Weights.Config;
        if (ids.Length == 0 || ids.Length > config.MaxPositions)
            throw new ArgumentException($"{ids.Length} tokens; BERT takes 1..{config.MaxPositions}", nameof(ids));
        if (!tokenTypes.IsEmpty && tokenTypes.Length != ids.Length)
            throw new ArgumentException($"{tokenTypes.Length} token types for {ids.Length} tokens", nameof(tokenTypes));
        var (tokens, hidden) = (ids.Length, config.Hidden);

        var x = new double[tokens * hidden];
        for (var t = 0; t < tokens; t++)
        {
            var type = tokenTypes.IsEmpty ? 0 : tokenTypes[t];
            if ((uint)ids[t] >= (uint)config.VocabSize)
                throw new ArgumentException($"token {ids[t]} at position {t} is outside the vocabulary of {config.VocabSize}", nameof(ids));
            if ((uint)type >= (uint)config.TypeVocabSize)
                throw new ArgumentException($"token type {type} at position {t} is outside 0..{config.TypeVocabSize - 1}", nameof(tokenTypes));
            var row = x.AsSpan(t * hidden, hidden);
            Weights.WordEmbedding.AsSpan(ids[t] * hidden, hidden).CopyTo(row);
            PlainMath.Add(row, Weights.PositionEmbedding.AsSpan(t * hidden, hidden));
            PlainMath.Add(row, Weights.TokenTypeEmbedding.AsSpan(type * hidden, hidden));
        }
        PlainMath.LayerNorm(x, Weights.EmbeddingNormWeight, Weights.EmbeddingNormBias, config.LayerNormEpsilon);

        foreach (var layer in Weights.Layers)
        {
            var attention = Attention(x, tokens, layer);
            PlainMath.Add(attention, x);
            PlainMath.LayerNorm(attention, layer.AttentionNormWeight, layer.AttentionNormBias, config.LayerNormEpsilon);

            var intermediate = Linear(attention, tokens, layer.IntermediateWeight, layer.IntermediateBias, hidden, config.Intermediate);
            PlainMath.Gelu(intermediate, config.Activation);
            x = Linear(intermediate, tokens, layer.OutputWeight, layer.OutputBias, config.Intermediate, hidden);
            PlainMath.Add(x, attention);
            PlainMath.LayerNorm(x, layer.OutputNormWeight, layer.OutputNormBias, config.LayerNormEpsilon);
        }
        return x;
    }

    /// <summary>Classifier logits [labels]: pooler tanh(W·h₀ + b) on the first token, then the classifier.</summary>
    public double[] Classify(ReadOnlySpan<int> ids, ReadOnlySpan<int> tokenTypes = default)
    {
        var head = Weights.Head ?? throw new InvalidOperationException("this BERT checkpoint has no classification head (BertModel)");
        var hidden = Weights.Config.Hidden;
        var first = Encode(ids, tokenTypes).AsSpan(0, hidden);
        var pooled = Linear(first, 1, head.PoolerWeight, head.PoolerBias, hidden, hidden);
        for (var i = 0; i < pooled.Length; i++) pooled[i] = Math.Tanh(pooled[i]);
        return Linear(pooled, 1, head.ClassifierWeight, head.ClassifierBias, hidden, Weights.Config.Labels.Count);
    }

    private double[] Attention(double[] x, int tokens, BertLayerWeights layer)
    {
        var config = Weights.Config;
        var hidden = config.Hidden;
        var q = Linear(x, tokens, layer.QueryWeight, layer.QueryBias, hidden, hidden);
        var k = Linear(x, tokens, layer.KeyWeight, layer.KeyBias, hidden, hidden);
        var v = Linear(x, tokens, layer.ValueWeight, layer.ValueBias, hidden, hidden);
        var context = PlainMath.Attention(q, k, v, tokens, config.Heads, config.HeadSize, causal: false);
        return Linear(context, tokens, layer.AttentionOutputWeight, layer.AttentionOutputBias, hidden, hidden);
    }

    /// <summary>nn.Linear: x[tokens, in]·W[out, in]ᵀ + b.</summary>
    private static double[] Linear(ReadOnlySpan<double> x, int tokens, double[] weight, double[] bias, int inputs, int outputs)
    {
        var y = PlainMath.MatMulTransposed(x, weight, tokens, inputs, outputs);
        PlainMath.AddBias(y, bias);
        return y;
    }
}
