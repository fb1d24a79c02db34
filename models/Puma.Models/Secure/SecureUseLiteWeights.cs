using Puma.Models.UseLite;
using Puma.Protocols.Core;
using Puma.Models.Progress;

namespace Puma.Models.Secure;

/// <summary>
/// Shares of every USE-Lite tensor in fixed point, shared once per run by the model owner,
/// computing party <see cref="Owner"/>. Public factors are folded in at share time: the graph's
/// doubled embeddings (<see cref="UseLiteWeights.EmbeddingMultiplicity"/>) into the table and
/// 1/√headSize into the query columns and bias, so neither costs a product on shares. The other
/// parties pass only the public shapes (<see cref="UseLiteShape"/>). The shares come from any
/// <see cref="IWeightSource"/>: dealt by the owner, or mapped from a party bundle. The forward holds
/// them a group at a time (<see cref="Embedding"/>, each layer's, <see cref="Head"/>).
/// </summary>
internal sealed class SecureUseLiteWeights : IDisposable
{
    public const int Owner = WeightDealer.Owner;

    private readonly IWeightSource _source;

    private SecureUseLiteWeights(UseLiteShape shape, IWeightSource source)
    {
        Shape = shape;
        _source = source;
    }

    public UseLiteShape Shape { get; }
    public WeightTensor TokenEmbedding { get; private set; } = null!;
    public SecureUseLiteLayer[] Layers { get; private set; } = [];
    public SecureDense OutputDense { get; private set; } = null!;

    /// <summary>What the embedding step reads: the token embedding.</summary>
    public WeightGroup Embedding { get; private set; } = null!;

    /// <summary>What the pooling head reads: the output dense layer.</summary>
    public WeightGroup Head { get; private set; } = null!;

    public static SecureUseLiteWeights Share(PartyContext context, UseLiteShape shape, UseLiteWeights? weights, IProgress<ProgressStep>? progress = null)
    {
        if (context.Id == Owner && weights is null) throw new ArgumentNullException(nameof(weights), "The model owner must supply the weights.");
        using var _ = context.Scope("share_weights");
        return From(new WeightDealer(context, progress), shape, weights);
    }

    /// <summary>
    /// The weights declared through <paramref name="source"/>, which they own from then on;
    /// <paramref name="weights"/> is read only where the source needs plaintext.
    /// </summary>
    public static SecureUseLiteWeights From(IWeightSource source, UseLiteShape shape, UseLiteWeights? weights)
    {
        var shared = new SecureUseLiteWeights(shape, source);
        try
        {
            Declare(shared, source, shape, weights);
            return shared;
        }
        catch
        {
            shared.Dispose();
            throw;
        }
    }

    public void Dispose() => _source.Dispose();

    private static void Declare(SecureUseLiteWeights shared, IWeightSource source, UseLiteShape shape, UseLiteWeights? weights)
    {
        WeightTensor Tensor(string name, int[] dimensions, Func<UseLiteWeights, double[]> select, double scale = 1, int scaledPrefix = int.MaxValue)
            => source.Tensor(name, dimensions, () => Scaled(select(weights!), scale, scaledPrefix));

        int e = shape.EmbeddingWidth, width = shape.Width, hidden = shape.HiddenWidth;
        shared.TokenEmbedding = Tensor("embedding", [shape.VocabularyRows, e], w => w.TokenEmbedding, UseLiteWeights.EmbeddingMultiplicity);
        shared.Layers = [.. Enumerable.Range(0, shape.LayerInputWidths.Length).Select(index =>
        {
            int input = shape.LayerInputWidths[index], heads = shape.Heads;
            var queryScale = 1.0 / Math.Sqrt(input / heads);
            var projected = input != width;
            var prefix = $"layer{index}";
            UseLiteLayerWeights L(UseLiteWeights w) => w.Layers[index];
            return new SecureUseLiteLayer(
                heads,
                new SecureLayerNorm(Tensor($"{prefix}.attention_norm.scale", [input], w => L(w).AttentionNormScale),
                    Tensor($"{prefix}.attention_norm.bias", [input], w => L(w).AttentionNormBias), shape.NormEpsilon),
                new SecureDense(
                    Tensor($"{prefix}.qkv.weight", [input, 3 * input], w => QueryColumnsScaled(L(w).QueryKeyValue, input, queryScale)),
                    Tensor($"{prefix}.qkv.bias", [3 * input], w => L(w).QueryKeyValueBias, queryScale, input)),
                new SecureDense(Tensor($"{prefix}.attention_output.weight", [input, width], w => L(w).AttentionOutput),
                    Tensor($"{prefix}.attention_output.bias", [width], w => L(w).AttentionOutputBias)),
                projected
                    ? new SecureDense(Tensor($"{prefix}.residual_projection.weight", [input, width], w => L(w).ResidualProjection!),
                        Tensor($"{prefix}.residual_projection.bias", [width], w => L(w).ResidualProjectionBias!))
                    : null,
                new SecureLayerNorm(Tensor($"{prefix}.feed_forward_norm.scale", [width], w => L(w).FeedForwardNormScale),
                    Tensor($"{prefix}.feed_forward_norm.bias", [width], w => L(w).FeedForwardNormBias), shape.NormEpsilon),
                new SecureDense(Tensor($"{prefix}.feed_forward_in.weight", [width, hidden], w => L(w).FeedForwardIn),
                    Tensor($"{prefix}.feed_forward_in.bias", [hidden], w => L(w).FeedForwardInBias)),
                new SecureDense(Tensor($"{prefix}.feed_forward_out.weight", [hidden, width], w => L(w).FeedForwardOut),
                    Tensor($"{prefix}.feed_forward_out.bias", [width], w => L(w).FeedForwardOutBias)));
        })];
        shared.OutputDense = new SecureDense(Tensor("output.weight", [width, width], w => w.OutputDense), Tensor("output.bias", [width], w => w.OutputDenseBias));
        source.Complete();
        shared.Embedding = new WeightGroup([shared.TokenEmbedding]);
        shared.Head = new WeightGroup([.. shared.OutputDense.Tensors]);
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

    /// <summary>The values with the first <paramref name="scaledPrefix"/> of them times <paramref name="scale"/>.</summary>
    private static double[] Scaled(double[] values, double scale, int scaledPrefix)
    {
        if (scale == 1) return values;
        var scaled = (double[])values.Clone();
        for (var i = 0; i < Math.Min(scaledPrefix, scaled.Length); i++) scaled[i] *= scale;
        return scaled;
    }
}
