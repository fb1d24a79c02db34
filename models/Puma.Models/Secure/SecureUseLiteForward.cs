using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Functions;
using Puma.Simd;

namespace Puma.Models.Secure;

/// <summary>
/// One party's side of the secure USE-Lite forward for one sentence, mirroring
/// <see cref="UseLite.UseLiteReference"/> on shares: one-hot rows × embedding table
/// (<see cref="EmbeddingA"/>), the public timing signal, two pre-norm layers
/// (<see cref="SecureLayerNorm"/>, <see cref="SecureDense"/>, <see cref="SecureAttention"/> with all
/// heads in one softmax, <see cref="ReluA"/>), the mean over tokens (a public 1/n), the tanh
/// dense layer (<see cref="TanhA"/>) and the L2 normalisation as an RMSNorm with γ = 1/√width.
/// The number of tokens is public; the heads of a layer run their products in the same rounds.
/// Weights are held a group at a time, the next group's stored bytes prefetched meanwhile.
/// </summary>
internal sealed class SecureUseLiteForward(PartyContext context, SecureUseLiteWeights weights, double[] timingSignal, double l2Epsilon)
{
    private int F => context.Config.FractionalBits;

    /// <summary>The shared, L2-normalised embedding of the sentence whose one-hot rows are <paramref name="oneHot"/>.</summary>
    public AShare Embed(AShare oneHot, int tokens)
    {
        var shape = weights.Shape;
        AShare x;
        using (context.Scope("embedding"))
        using (weights.Embedding.OpenPrefetching(After(-1)))
        {
            x = EmbeddingA.Embed(context, oneHot, weights.TokenEmbedding.Share, tokens, shape.VocabularyRows, shape.EmbeddingWidth);
            var timing = timingSignal.AsSpan(0, tokens * shape.EmbeddingWidth).ToArray().Select(value => FixedPoint.Encode(value, F)).ToArray();
            LinearA.AddPublic(context, x, timing, x);
        }
        try
        {
            for (var l = 0; l < weights.Layers.Length; l++)
            {
                AShare next;
                using (weights.Layers[l].Weights.OpenPrefetching(After(l))) next = Layer(weights.Layers[l], x, tokens);
                x.Dispose();
                x = next;
            }
            return Head(x, tokens);
        }
        finally
        {
            x.Dispose();
        }
    }

    /// <summary>The group read after layer <paramref name="layer"/> (−1: the embedding).</summary>
    private WeightGroup After(int layer) => layer + 1 < weights.Layers.Length ? weights.Layers[layer + 1].Weights : weights.Head;

    private AShare Layer(SecureUseLiteLayer layer, AShare x, int tokens)
    {
        var y = Attention(layer, x, tokens);
        try
        {
            using (context.Scope("residual"))
            {
                if (layer.ResidualProjection is null)
                {
                    LinearA.Add(y, x, y);
                }
                else
                {
                    using var projected = layer.ResidualProjection.Apply(context, x, tokens);
                    LinearA.Add(y, projected, y);
                }
            }
            using var _ = context.Scope("feed_forward");
            using var normed = layer.FeedForwardNorm.Apply(context, y);
            using var f = SecureFeedForward.Apply(context, normed, tokens, layer.FeedForwardIn, ReluA.Relu, layer.FeedForwardOut);
            LinearA.Add(y, f, y);
            return y;
        }
        catch
        {
            y.Dispose();
            throw;
        }
    }

    /// <summary>Multi-head self-attention over all tokens, projected to the layer's output width (residual not added).</summary>
    private AShare Attention(SecureUseLiteLayer layer, AShare x, int tokens)
    {
        using var _ = context.Scope("attention");
        using var normed = layer.AttentionNorm.Apply(context, x);
        using var qkv = layer.QueryKeyValue.Apply(context, normed, tokens);
        using var attended = SecureAttention.SelfAttend(context, qkv, tokens, tokens, layer.AttentionHeads);
        return layer.AttentionOutput.Apply(context, attended, tokens);
    }

    /// <summary>Mean over tokens, tanh dense layer, L2 normalisation.</summary>
    private AShare Head(AShare x, int tokens)
    {
        using var _ = context.Scope("pool_dense_normalize");
        using var held = weights.Head.Open();
        int width = weights.Shape.Width;
        using var sum = ShareRows.SumOfRows(x, width);
        LinearA.MultiplyPublic(sum, FixedPoint.Encode(1.0 / tokens, F), sum);
        using var mean = TruncA.Trunc(context, sum, F);
        using var dense = weights.OutputDense.Apply(context, mean, 1);
        using var activated = TanhA.Tanh(context, dense);
        using var gamma = LinearA.FromPublic(context, Enumerable.Repeat(FixedPoint.Encode(1.0 / Math.Sqrt(width), F), width).ToArray());
        return RmsNormA.RmsNorm(context, activated, gamma, l2Epsilon / width);
    }
}
