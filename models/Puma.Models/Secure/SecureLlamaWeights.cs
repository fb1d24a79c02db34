using Puma.Models.Progress;
using Puma.Models.Reference;
using Puma.Protocols.Core;
using Puma.Simd;

namespace Puma.Models.Secure;

/// <summary>
/// Shares of every LLaMA tensor in fixed point (f = the run's fractional bits), shared once per
/// run by the model owner, computing party <see cref="Owner"/>: the other parties learn only
/// random shares. Public work is folded in at share time: 1/√headSize into W_q (scores need no
/// extra product), W_q, W_k, W_v stacked into one [dim + 2·kvDim, dim] matrix and W1, W3 into one
/// [2·hidden, dim] matrix, so each pair or triple of projections is one matrix product (one
/// truncation, the same rounds as running them together). Every projection keeps the [out, in]
/// orientation of <see cref="LlamaWeights"/>.
/// </summary>
public sealed class SecureLlamaWeights : IDisposable
{
    /// <summary>The computing party that holds the plaintext weights.</summary>
    public const int Owner = 0;

    private readonly List<AShare> _all = [];

    private SecureLlamaWeights(LlamaConfig config) => Config = config;

    public LlamaConfig Config { get; }

    public AShare TokenEmbedding { get; private set; } = null!;
    public AShare[] AttentionNorm { get; private set; } = [];
    /// <summary>Per layer, [W_q/√headSize; W_k; W_v], [dim + 2·kvDim, dim].</summary>
    public AShare[] QueryKeyValue { get; private set; } = [];
    public AShare[] AttentionOutput { get; private set; } = [];
    public AShare[] FeedForwardNorm { get; private set; } = [];
    /// <summary>Per layer, [W1; W3] (gate then up), [2·hidden, dim].</summary>
    public AShare[] GateUp { get; private set; } = [];
    public AShare[] Down { get; private set; } = [];
    public AShare FinalNorm { get; private set; } = null!;
    public AShare Classifier { get; private set; } = null!;

    /// <summary>
    /// All three parties call this with the public <paramref name="config"/>; only the owner passes
    /// <paramref name="weights"/> (the others pass null).
    /// </summary>
    public static SecureLlamaWeights Share(PartyContext context, LlamaConfig config, LlamaWeights? weights, IProgress<ProgressStep>? progress = null)
    {
        if (context.Id == Owner && weights is null) throw new ArgumentNullException(nameof(weights), "The model owner must supply the weights.");
        if (config.FindProblem() is { } problem) throw new ArgumentException($"Invalid LLaMA config: {problem}.", nameof(config));
        using var _ = context.Scope("share_weights");
        int f = context.Config.FractionalBits, layers = config.Layers;
        var queryScale = 1.0 / Math.Sqrt(config.HeadSize);
        var shared = new SecureLlamaWeights(config);
        int dim = config.Dim, kvDim = config.KvDim, hidden = config.HiddenDim, vocab = config.VocabSize;
        var weightCount = 2L * vocab * dim + dim + layers * (2L * dim + (dim + 2L * kvDim) * dim + (long)dim * dim + 3L * hidden * dim);
        var dealing = new ProgressCounter(context.Id == Owner ? progress : null, ProgressStages.DealingWeights, weightCount * sizeof(ulong));
        AShare Tensor(Func<LlamaWeights, ulong[]> encode, int length)
        {
            ulong[] values = weights is null || context.Id != Owner ? [] : encode(weights);
            if (values.Length != 0 && values.Length != length)
                throw new ArgumentException($"A tensor has {values.Length} values where the config calls for {length}.", nameof(weights));
            var share = Input.ShareA(context, Owner, values, length);
            shared._all.Add(share);
            dealing.Advance((long)length * sizeof(ulong));
            return share;
        }
        AShare[] PerLayer(Func<LlamaWeights, int, ulong[]> encode, int length)
            => [.. Enumerable.Range(0, layers).Select(layer => Tensor(w => encode(w, layer), length))];

        shared.TokenEmbedding = Tensor(w => Encode(f, w.TokenEmbedding), vocab * dim);
        shared.AttentionNorm = PerLayer((w, l) => Encode(f, w.AttentionNorm(l)), dim);
        shared.QueryKeyValue = PerLayer((w, l) => Stack(f, w.Query(l), queryScale, w.Key(l), w.Value(l)), (dim + 2 * kvDim) * dim);
        shared.AttentionOutput = PerLayer((w, l) => Encode(f, w.AttentionOutput(l)), dim * dim);
        shared.FeedForwardNorm = PerLayer((w, l) => Encode(f, w.FeedForwardNorm(l)), dim);
        shared.GateUp = PerLayer((w, l) => Stack(f, w.Gate(l), 1.0, w.Up(l), []), 2 * hidden * dim);
        shared.Down = PerLayer((w, l) => Encode(f, w.Down(l)), dim * hidden);
        shared.FinalNorm = Tensor(w => Encode(f, w.FinalNorm), dim);
        shared.Classifier = Tensor(w => Encode(f, w.Classifier), vocab * dim);
        dealing.Complete();
        return shared;
    }

    public void Dispose()
    {
        foreach (var share in _all) share.Dispose();
        _all.Clear();
    }

    private static ulong[] Encode(int fractionalBits, ReadOnlySpan<float> tensor) => Stack(fractionalBits, tensor, 1.0, [], []);

    /// <summary>Fixed-point encoding of the rows of three tensors stacked, the first times a public scale.</summary>
    private static ulong[] Stack(int fractionalBits, ReadOnlySpan<float> first, double firstScale, ReadOnlySpan<float> second, ReadOnlySpan<float> third)
    {
        var encoded = new ulong[first.Length + second.Length + third.Length];
        for (var i = 0; i < first.Length; i++) encoded[i] = FixedPoint.Encode(first[i] * firstScale, fractionalBits);
        for (var i = 0; i < second.Length; i++) encoded[first.Length + i] = FixedPoint.Encode(second[i], fractionalBits);
        for (var i = 0; i < third.Length; i++) encoded[first.Length + second.Length + i] = FixedPoint.Encode(third[i], fractionalBits);
        return encoded;
    }
}
