using Puma.Models.Reference;

namespace Puma.Models.UseLite;

/// <summary>
/// The double-precision plaintext forward of USE-Lite, written from its TF.js graph
/// (see <see cref="UseLiteWeights"/>): the embedding the secure forward is measured against.
/// One sentence at a time, so no padding mask is needed.
/// </summary>
public static class UseLiteReference
{
    /// <summary>The 512-d, L2-normalised embedding of the token ids (clipped to <see cref="UseLiteWeights.MaxTokens"/>).</summary>
    public static double[] Embed(UseLiteWeights weights, IReadOnlyList<int> ids)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(ids);
        var tokens = Math.Min(ids.Count, weights.MaxTokens);
        if (tokens == 0) throw new ArgumentException("At least one token is required.", nameof(ids));
        int e = weights.EmbeddingWidth;
        var x = weights.TimingSignal(tokens);
        for (var t = 0; t < tokens; t++)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)ids[t], (uint)weights.VocabularyRows, nameof(ids));
            for (var i = 0; i < e; i++) x[t * e + i] += UseLiteWeights.EmbeddingMultiplicity * weights.TokenEmbedding[ids[t] * e + i];
        }
        foreach (var layer in weights.Layers) x = Layer(layer, x, tokens, weights.Width, weights.HiddenWidth, weights.NormEpsilon);

        int width = weights.Width;
        var pooled = new double[width];
        for (var t = 0; t < tokens; t++) PlainMath.Add(pooled, x.AsSpan(t * width, width));
        for (var i = 0; i < width; i++) pooled[i] /= tokens;
        var output = RowBlockedMatMul.Multiply(pooled, weights.OutputDense, 1, width, width);
        PlainMath.AddBias(output, weights.OutputDenseBias);
        for (var i = 0; i < width; i++) output[i] = Math.Tanh(output[i]);
        var inverseNorm = 1.0 / Math.Sqrt(Math.Max(PlainMath.Dot(output, output), weights.L2Epsilon));
        for (var i = 0; i < width; i++) output[i] *= inverseNorm;
        return output;
    }

    /// <summary>Cosine similarity of two vectors of equal length.</summary>
    public static double Cosine(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        => PlainMath.Dot(a, b) / Math.Sqrt(PlainMath.Dot(a, a) * PlainMath.Dot(b, b));

    private static double[] Layer(UseLiteLayerWeights layer, double[] x, int tokens, int width, int hidden, double epsilon)
    {
        int input = layer.InputWidth;
        double[] residual;
        if (layer.ResidualProjection is null)
        {
            residual = x;
        }
        else
        {
            residual = RowBlockedMatMul.Multiply(x, layer.ResidualProjection, tokens, input, width);
            PlainMath.AddBias(residual, layer.ResidualProjectionBias!);
        }

        var normed = (double[])x.Clone();
        PlainMath.LayerNorm(normed, layer.AttentionNormScale, layer.AttentionNormBias, epsilon);
        var qkv = RowBlockedMatMul.Multiply(normed, layer.QueryKeyValue, tokens, input, 3 * input);
        PlainMath.AddBias(qkv, layer.QueryKeyValueBias);
        var q = Columns(qkv, tokens, 3 * input, 0, input);
        var k = Columns(qkv, tokens, 3 * input, input, input);
        var v = Columns(qkv, tokens, 3 * input, 2 * input, input);
        var attended = PlainMath.Attention(q, k, v, tokens, layer.Heads, layer.HeadSize, causal: false);
        var y = RowBlockedMatMul.Multiply(attended, layer.AttentionOutput, tokens, input, width);
        PlainMath.AddBias(y, layer.AttentionOutputBias);
        PlainMath.Add(y, residual);

        var ffnInput = (double[])y.Clone();
        PlainMath.LayerNorm(ffnInput, layer.FeedForwardNormScale, layer.FeedForwardNormBias, epsilon);
        var h = RowBlockedMatMul.Multiply(ffnInput, layer.FeedForwardIn, tokens, width, hidden);
        PlainMath.AddBias(h, layer.FeedForwardInBias);
        for (var i = 0; i < h.Length; i++) h[i] = Math.Max(h[i], 0);
        var f = RowBlockedMatMul.Multiply(h, layer.FeedForwardOut, tokens, hidden, width);
        PlainMath.AddBias(f, layer.FeedForwardOutBias);
        PlainMath.Add(y, f);
        return y;
    }

    /// <summary>Columns [start, start + count) of a [rows, width] matrix.</summary>
    private static double[] Columns(double[] matrix, int rows, int width, int start, int count)
    {
        var result = new double[rows * count];
        for (var r = 0; r < rows; r++) matrix.AsSpan(r * width + start, count).CopyTo(result.AsSpan(r * count, count));
        return result;
    }
}
