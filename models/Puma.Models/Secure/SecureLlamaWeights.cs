using Puma.Models.Reference;
using Puma.Protocols.Core;
using Puma.Models.Progress;

namespace Puma.Models.Secure;

/// <summary>
/// Shares of every LLaMA tensor in fixed point, from any <see cref="IWeightSource"/>: dealt by the
/// model owner, computing party <see cref="Owner"/> (the other parties learn only random shares),
/// or mapped from a party bundle. Public work is folded in at share time: 1/√headSize into W_q
/// (scores need no extra product), W_q, W_k, W_v stacked into one [dim + 2·kvDim, dim] matrix and
/// W1, W3 into one [2·hidden, dim] matrix, so each pair or triple of projections is one matrix
/// product (one truncation, the same rounds as running them together). Every projection keeps the
/// [out, in] orientation of <see cref="LlamaWeights"/>.
/// <para>
/// Nothing is pinned: the forward holds one <see cref="WeightGroup"/> at a time (the embedding,
/// each layer, the head), so from a bundle only the resident prefix its budget keeps and one
/// layer's seed components are in private memory (LLaMA-7B: 202 M parameters a layer), while dealt
/// shares stay resident either way.
/// </para>
/// </summary>
public sealed class SecureLlamaWeights : IDisposable
{
    /// <summary>The computing party that holds the plaintext weights.</summary>
    public const int Owner = WeightDealer.Owner;

    private readonly IWeightSource _source;

    private SecureLlamaWeights(LlamaConfig config, IWeightSource source)
    {
        Config = config;
        _source = source;
    }

    public LlamaConfig Config { get; }

    public WeightTensor TokenEmbedding { get; private set; } = null!;
    public WeightTensor[] AttentionNorm { get; private set; } = [];
    /// <summary>Per layer, [W_q/√headSize; W_k; W_v], [dim + 2·kvDim, dim].</summary>
    public WeightTensor[] QueryKeyValue { get; private set; } = [];
    public WeightTensor[] AttentionOutput { get; private set; } = [];
    public WeightTensor[] FeedForwardNorm { get; private set; } = [];
    /// <summary>Per layer, [W1; W3] (gate then up), [2·hidden, dim].</summary>
    public WeightTensor[] GateUp { get; private set; } = [];
    public WeightTensor[] Down { get; private set; } = [];
    public WeightTensor FinalNorm { get; private set; } = null!;
    public WeightTensor Classifier { get; private set; } = null!;

    /// <summary>What the embedding step reads: the token embedding.</summary>
    public WeightGroup Embedding { get; private set; } = null!;

    /// <summary>Per layer, what the layer reads: its norms and projections.</summary>
    public WeightGroup[] Layers { get; private set; } = [];

    /// <summary>What the logits step reads: the final norm and the classifier.</summary>
    public WeightGroup Head { get; private set; } = null!;

    /// <summary>
    /// All three parties call this with the public <paramref name="config"/>; only the owner passes
    /// <paramref name="weights"/> (the others pass null). All tensors are dealt together.
    /// </summary>
    public static SecureLlamaWeights Share(PartyContext context, LlamaConfig config, LlamaWeights? weights, IProgress<ProgressStep>? progress = null)
    {
        if (context.Id == Owner && weights is null) throw new ArgumentNullException(nameof(weights), "The model owner must supply the weights.");
        using var _ = context.Scope("share_weights");
        return From(new WeightDealer(context, progress), config, weights);
    }

    /// <summary>
    /// The weights declared through <paramref name="source"/>, which they own from then on;
    /// <paramref name="weights"/> is read only where the source needs plaintext.
    /// </summary>
    public static SecureLlamaWeights From(IWeightSource source, LlamaConfig config, LlamaWeights? weights)
    {
        var shared = new SecureLlamaWeights(config, source);
        try
        {
            if (config.FindProblem() is { } problem) throw new ArgumentException($"Invalid LLaMA config: {problem}.", nameof(config));
            shared.Declare(weights);
            return shared;
        }
        catch
        {
            shared.Dispose();
            throw;
        }
    }

    public void Dispose() => _source.Dispose();

    private void Declare(LlamaWeights? weights)
    {
        var config = Config;
        var queryScale = 1.0 / Math.Sqrt(config.HeadSize);
        int dim = config.Dim, kvDim = config.KvDim, hidden = config.HiddenDim, vocab = config.VocabSize;
        LlamaWeights W() => weights!;
        WeightTensor Tensor(string name, int[] shape, Func<double[]> values) => _source.Tensor(name, shape, values);
        WeightTensor[] PerLayer(string name, int[] shape, Func<int, double[]> values)
            => [.. Enumerable.Range(0, config.Layers).Select(layer => Tensor($"layers.{layer}.{name}", shape, () => values(layer)))];

        TokenEmbedding = Tensor("tok_embeddings", [vocab, dim], () => Stack(W().TokenEmbedding, 1.0, [], []));
        AttentionNorm = PerLayer("attention_norm", [dim], l => Stack(W().AttentionNorm(l), 1.0, [], []));
        QueryKeyValue = PerLayer("attention.wqkv", [dim + 2 * kvDim, dim], l => Stack(W().Query(l), queryScale, W().Key(l), W().Value(l)));
        AttentionOutput = PerLayer("attention.wo", [dim, dim], l => Stack(W().AttentionOutput(l), 1.0, [], []));
        FeedForwardNorm = PerLayer("ffn_norm", [dim], l => Stack(W().FeedForwardNorm(l), 1.0, [], []));
        GateUp = PerLayer("feed_forward.w13", [2 * hidden, dim], l => Stack(W().Gate(l), 1.0, W().Up(l), []));
        Down = PerLayer("feed_forward.w2", [dim, hidden], l => Stack(W().Down(l), 1.0, [], []));
        FinalNorm = Tensor("norm", [dim], () => Stack(W().FinalNorm, 1.0, [], []));
        Classifier = Tensor("output", [vocab, dim], () => Stack(W().Classifier, 1.0, [], []));
        _source.Complete();
        Embedding = new WeightGroup([TokenEmbedding]);
        Layers = [.. Enumerable.Range(0, config.Layers).Select(layer => new WeightGroup(
            [AttentionNorm[layer], FeedForwardNorm[layer]], readByRows: [QueryKeyValue[layer], AttentionOutput[layer], GateUp[layer], Down[layer]]))];
        Head = new WeightGroup([FinalNorm], readByRows: [Classifier]);
    }

    /// <summary>The rows of three tensors stacked, the first times a public scale.</summary>
    private static double[] Stack(ReadOnlySpan<float> first, double firstScale, ReadOnlySpan<float> second, ReadOnlySpan<float> third)
    {
        var stacked = new double[first.Length + second.Length + third.Length];
        for (var i = 0; i < first.Length; i++) stacked[i] = first[i] * firstScale;
        for (var i = 0; i < second.Length; i++) stacked[first.Length + i] = second[i];
        for (var i = 0; i < third.Length; i++) stacked[first.Length + second.Length + i] = third[i];
        return stacked;
    }
}
