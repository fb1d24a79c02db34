using Puma.Protocols.Arithmetic;
using Puma.Protocols.Compare;
using Puma.Protocols.Core;
using Puma.Protocols.Functions;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Models.Secure;

/// <summary>
/// One party's side of the secure USE-Lite forward for one sentence, mirroring
/// <see cref="UseLite.UseLiteReference"/> on shares: one-hot rows × embedding table
/// (<see cref="EmbeddingA"/>), the public timing signal, two pre-norm layers (LayerNormA, fused
/// matrix products with truncation, <see cref="SecureAttention"/> with all heads in one softmax, ReLU as x − [x &lt; 0]·x from
/// <see cref="MsbA"/> and <see cref="SelectBA"/>), the mean over tokens (a public 1/n), the tanh
/// dense layer (<see cref="TanhA"/>) and the L2 normalisation as an RMSNorm with γ = 1/√width.
/// The number of tokens is public; the heads of a layer run their products in the same rounds.
/// </summary>
internal sealed class SecureUseLiteForward(PartyContext context, SecureUseLiteWeights weights, double[] timingSignal, double normEpsilon, double l2Epsilon)
{
    private int F => context.Config.FractionalBits;

    /// <summary>The shared, L2-normalised embedding of the sentence whose one-hot rows are <paramref name="oneHot"/>.</summary>
    public AShare Embed(AShare oneHot, int tokens)
    {
        var shape = weights.Shape;
        AShare x;
        using (context.Scope("embedding"))
        {
            x = EmbeddingA.Embed(context, oneHot, weights.TokenEmbedding, tokens, shape.VocabularyRows, shape.EmbeddingWidth);
            var timing = timingSignal.AsSpan(0, tokens * shape.EmbeddingWidth).ToArray().Select(value => FixedPoint.Encode(value, F)).ToArray();
            LinearA.AddPublic(context, x, timing, x);
        }
        try
        {
            foreach (var layer in weights.Layers)
            {
                var next = Layer(layer, x, tokens);
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

    private AShare Layer(SecureUseLiteLayer layer, AShare x, int tokens)
    {
        int width = weights.Shape.Width, hidden = weights.Shape.HiddenWidth, input = layer.InputWidth;
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
                    using var projected = Dense(x, layer.ResidualProjection, layer.ResidualProjectionBias!, tokens, input, width);
                    LinearA.Add(y, projected, y);
                }
            }
            using var _ = context.Scope("feed_forward");
            using var normed = LayerNormA.LayerNorm(context, y, layer.FeedForwardNormScale, layer.FeedForwardNormBias, normEpsilon);
            using var h = Dense(normed, layer.FeedForwardIn, layer.FeedForwardInBias, tokens, width, hidden);
            using var activated = Relu(h);
            using var f = Dense(activated, layer.FeedForwardOut, layer.FeedForwardOutBias, tokens, hidden, width);
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
        int input = layer.InputWidth, heads = layer.Heads, headSize = layer.HeadSize;
        using var normed = LayerNormA.LayerNorm(context, x, layer.AttentionNormScale, layer.AttentionNormBias, normEpsilon);
        using var qkv = Dense(normed, layer.QueryKeyValue, layer.QueryKeyValueBias, tokens, input, 3 * input);
        using var queries = ShareRows.TakeColumns(qkv, tokens, 3 * input, 0, input);
        using var keys = ShareRows.TakeColumns(qkv, tokens, 3 * input, input, input);
        using var values = ShareRows.TakeColumns(qkv, tokens, 3 * input, 2 * input, input);
        using var attended = SecureAttention.Attend(context, queries, keys, values, tokens, tokens, heads, headSize, causal: false);
        return Dense(attended, layer.AttentionOutput, layer.AttentionOutputBias, tokens, input, weights.Shape.Width);
    }

    /// <summary>Mean over tokens, tanh dense layer, L2 normalisation.</summary>
    private AShare Head(AShare x, int tokens)
    {
        using var _ = context.Scope("pool_dense_normalize");
        int width = weights.Shape.Width;
        using var sum = ShareRows.SumOfRows(x, width);
        LinearA.MultiplyPublic(sum, FixedPoint.Encode(1.0 / tokens, F), sum);
        using var mean = TruncA.Trunc(context, sum, F);
        using var dense = Dense(mean, weights.OutputDense, weights.OutputDenseBias, 1, width, width);
        using var activated = TanhA.Tanh(context, dense);
        using var gamma = LinearA.FromPublic(context, Enumerable.Repeat(FixedPoint.Encode(1.0 / Math.Sqrt(width), F), width).ToArray());
        return RmsNormA.RmsNorm(context, activated, gamma, l2Epsilon / width);
    }

    /// <summary>x·W + b for x [rows, input] and W stored [input, output].</summary>
    private AShare Dense(AShare x, AShare matrix, AShare bias, int rows, int input, int output)
    {
        var product = MatMulTruncAA.MatMulTrunc(context, x, matrix, new MatMulShape(rows, input, output));
        ShareRows.AddToEveryRow(product, bias);
        return product;
    }

    /// <summary>max(x, 0) = x − [x &lt; 0]·x: the sign bit by <see cref="MsbA"/>, the product by <see cref="SelectBA"/>.</summary>
    private AShare Relu(AShare x)
    {
        using var _ = context.Scope("relu");
        using var negative = MsbA.Msb(context, x);
        var result = SelectBA.Select(context, negative, x);
        LinearA.Subtract(x, result, result);
        return result;
    }
}
