using Puma.Models.UseLite;
using Puma.Protocols.Core;
using Puma.Simd;

namespace Puma.Models.Secure;

/// <summary>
/// Shares of every USE-Lite tensor in fixed point, shared once per run by the model owner,
/// computing party <see cref="Owner"/>. Public factors are folded in at share time: the graph's
/// doubled embeddings (<see cref="UseLiteWeights.EmbeddingMultiplicity"/>) into the table and
/// 1/√headSize into the query columns and bias, so neither costs a product on shares. The other
/// parties pass only the public shapes (<see cref="UseLiteShape"/>).
/// </summary>
internal sealed class SecureUseLiteWeights : IDisposable
{
    public const int Owner = 0;

    private readonly List<AShare> _all = [];

    private SecureUseLiteWeights(UseLiteShape shape) => Shape = shape;

    public UseLiteShape Shape { get; }
    public AShare TokenEmbedding { get; private set; } = null!;
    public SecureUseLiteLayer[] Layers { get; private set; } = [];
    public AShare OutputDense { get; private set; } = null!;
    public AShare OutputDenseBias { get; private set; } = null!;

    public static SecureUseLiteWeights Share(PartyContext context, UseLiteShape shape, UseLiteWeights? weights)
    {
        if (context.Id == Owner && weights is null) throw new ArgumentNullException(nameof(weights), "The model owner must supply the weights.");
        using var _ = context.Scope("share_weights");
        int f = context.Config.FractionalBits;
        var shared = new SecureUseLiteWeights(shape);
        AShare Tensor(Func<UseLiteWeights, double[]> select, int length, double scale = 1, int scaledPrefix = int.MaxValue)
        {
            ulong[] values = weights is null || context.Id != Owner ? [] : Encode(select(weights), f, scale, scaledPrefix);
            if (values.Length != 0 && values.Length != length)
                throw new ArgumentException($"A tensor has {values.Length} values where the USE-Lite shape calls for {length}.", nameof(weights));
            var share = Input.ShareA(context, Owner, values, length);
            shared._all.Add(share);
            return share;
        }

        int e = shape.EmbeddingWidth, width = shape.Width, hidden = shape.HiddenWidth;
        shared.TokenEmbedding = Tensor(w => w.TokenEmbedding, shape.VocabularyRows * e, UseLiteWeights.EmbeddingMultiplicity);
        shared.Layers = [.. Enumerable.Range(0, shape.LayerInputWidths.Length).Select(index =>
        {
            int input = shape.LayerInputWidths[index], heads = shape.Heads;
            var queryScale = 1.0 / Math.Sqrt(input / heads);
            var projected = input != width;
            UseLiteLayerWeights L(UseLiteWeights w) => w.Layers[index];
            return new SecureUseLiteLayer
            {
                InputWidth = input,
                Heads = heads,
                AttentionNormScale = Tensor(w => L(w).AttentionNormScale, input),
                AttentionNormBias = Tensor(w => L(w).AttentionNormBias, input),
                QueryKeyValue = Tensor(w => QueryColumnsScaled(L(w).QueryKeyValue, input, queryScale), input * 3 * input),
                QueryKeyValueBias = Tensor(w => L(w).QueryKeyValueBias, 3 * input, queryScale, input),
                AttentionOutput = Tensor(w => L(w).AttentionOutput, input * width),
                AttentionOutputBias = Tensor(w => L(w).AttentionOutputBias, width),
                ResidualProjection = projected ? Tensor(w => L(w).ResidualProjection!, input * width) : null,
                ResidualProjectionBias = projected ? Tensor(w => L(w).ResidualProjectionBias!, width) : null,
                FeedForwardNormScale = Tensor(w => L(w).FeedForwardNormScale, width),
                FeedForwardNormBias = Tensor(w => L(w).FeedForwardNormBias, width),
                FeedForwardIn = Tensor(w => L(w).FeedForwardIn, width * hidden),
                FeedForwardInBias = Tensor(w => L(w).FeedForwardInBias, hidden),
                FeedForwardOut = Tensor(w => L(w).FeedForwardOut, hidden * width),
                FeedForwardOutBias = Tensor(w => L(w).FeedForwardOutBias, width),
            };
        })];
        shared.OutputDense = Tensor(w => w.OutputDense, width * width);
        shared.OutputDenseBias = Tensor(w => w.OutputDenseBias, width);
        return shared;
    }

    public void Dispose()
    {
        foreach (var share in _all) share.Dispose();
        _all.Clear();
    }

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

    /// <summary>Fixed-point encoding, the first <paramref name="scaledPrefix"/> values times <paramref name="scale"/>.</summary>
    private static ulong[] Encode(double[] values, int fractionalBits, double scale, int scaledPrefix)
    {
        var encoded = new ulong[values.Length];
        for (var i = 0; i < values.Length; i++) encoded[i] = FixedPoint.Encode(i < scaledPrefix ? values[i] * scale : values[i], fractionalBits);
        return encoded;
    }
}
