using Puma.Models.UseLite;
using Puma.Protocols.Core;

namespace Puma.Models.Secure;

/// <summary>
/// Shares of every USE-Lite tensor in fixed point, shared once per run by the model owner,
/// computing party <see cref="Owner"/>. Public factors are folded in at share time: the graph's
/// doubled embeddings (<see cref="UseLiteWeights.EmbeddingMultiplicity"/>) into the table and
/// 1/√headSize into the query columns and bias, so neither costs a product on shares. The other
/// parties pass only the public shapes (<see cref="UseLiteShape"/>). All tensors are dealt in one
/// input round by <see cref="WeightDealer"/>.
/// </summary>
internal sealed class SecureUseLiteWeights : IDisposable
{
    public const int Owner = WeightDealer.Owner;

    private readonly WeightDealer _dealer;

    private SecureUseLiteWeights(UseLiteShape shape, WeightDealer dealer)
    {
        Shape = shape;
        _dealer = dealer;
    }

    public UseLiteShape Shape { get; }
    public AShare TokenEmbedding { get; private set; } = null!;
    public SecureUseLiteLayer[] Layers { get; private set; } = [];
    public SecureDense OutputDense { get; private set; } = null!;

    public static SecureUseLiteWeights Share(PartyContext context, UseLiteShape shape, UseLiteWeights? weights)
    {
        if (context.Id == Owner && weights is null) throw new ArgumentNullException(nameof(weights), "The model owner must supply the weights.");
        using var _ = context.Scope("share_weights");
        var shared = new SecureUseLiteWeights(shape, new WeightDealer(context));
        AShare Tensor(Func<UseLiteWeights, double[]> select, int length, double scale = 1, int scaledPrefix = int.MaxValue)
            => shared._dealer.Tensor(length, () => Scaled(select(weights!), scale, scaledPrefix));

        int e = shape.EmbeddingWidth, width = shape.Width, hidden = shape.HiddenWidth;
        shared.TokenEmbedding = Tensor(w => w.TokenEmbedding, shape.VocabularyRows * e, UseLiteWeights.EmbeddingMultiplicity);
        shared.Layers = [.. Enumerable.Range(0, shape.LayerInputWidths.Length).Select(index =>
        {
            int input = shape.LayerInputWidths[index], heads = shape.Heads;
            var queryScale = 1.0 / Math.Sqrt(input / heads);
            var projected = input != width;
            UseLiteLayerWeights L(UseLiteWeights w) => w.Layers[index];
            return new SecureUseLiteLayer(
                heads,
                new SecureLayerNorm(Tensor(w => L(w).AttentionNormScale, input), Tensor(w => L(w).AttentionNormBias, input), shape.NormEpsilon),
                new SecureDense(
                    Tensor(w => QueryColumnsScaled(L(w).QueryKeyValue, input, queryScale), input * 3 * input),
                    Tensor(w => L(w).QueryKeyValueBias, 3 * input, queryScale, input)),
                new SecureDense(Tensor(w => L(w).AttentionOutput, input * width), Tensor(w => L(w).AttentionOutputBias, width)),
                projected ? new SecureDense(Tensor(w => L(w).ResidualProjection!, input * width), Tensor(w => L(w).ResidualProjectionBias!, width)) : null,
                new SecureLayerNorm(Tensor(w => L(w).FeedForwardNormScale, width), Tensor(w => L(w).FeedForwardNormBias, width), shape.NormEpsilon),
                new SecureDense(Tensor(w => L(w).FeedForwardIn, width * hidden), Tensor(w => L(w).FeedForwardInBias, hidden)),
                new SecureDense(Tensor(w => L(w).FeedForwardOut, hidden * width), Tensor(w => L(w).FeedForwardOutBias, width)));
        })];
        shared.OutputDense = new SecureDense(Tensor(w => w.OutputDense, width * width), Tensor(w => w.OutputDenseBias, width));
        shared._dealer.Deal();
        return shared;
    }

    public void Dispose() => _dealer.Dispose();

    /// <summary>The [input, 3·input] matrix with its first input columns (the queries) times <paramref name="scale"/>.</summary>
    private static double[] QueryColumnsScaled(double[] matrix, int input, double scale)
    {
        var scaled = (double[])matrix.Clone();
        for (var r = 0; r < input; r++)
        {
            for (var c = 0; c < input; c++) scaled[r * 3 * input + c] *= scale;
        }
        return scaled;
    }

    /// <summary>The values with the first <paramref name="scaledPrefix"/> of them times <paramref name="scale"/>.</summary>
    private static double[] Scaled(double[] values, double scale, int scaledPrefix)
    {
        if (scale == 1) return values;
        var scaled = (double[])values.Clone();
        for (var i = 0; i < Math.Min(scaledPrefix, scaled.Length); i++) scaled[i] *= scale;
        return scaled;
    }
}
