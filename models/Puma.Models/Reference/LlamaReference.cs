using Puma.Protocols.Functions.Reference;

namespace Puma.Models.Reference;

/// <summary>
/// Plaintext LLaMA decoder in double precision: the yardstick the secure forward is measured
/// against. Feeds one token at a time, keeping every layer's keys and values in a KV cache, as
/// llama2.c's <c>forward</c> does. Weights stay float32 in the checkpoint; each is widened to
/// double (exactly) where it is used.
/// </summary>
public sealed class LlamaReference
{
    private readonly LlamaWeights _weights;
    private readonly LlamaConfig _config;
    private readonly double[] _keyCache;
    private readonly double[] _valueCache;
    private readonly double[] _residual;
    private readonly double[] _normed;
    private readonly double[] _query;
    private readonly double[] _key;
    private readonly double[] _value;
    private readonly double[] _attention;
    private readonly double[] _projected;
    private readonly double[] _gate;
    private readonly double[] _up;
    private readonly double[] _scores;

    /// <summary>Binds the weights; the KV cache is sized for the config's maximum sequence length.</summary>
    public LlamaReference(LlamaWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        _weights = weights;
        _config = weights.Config;
        if (_config.FindProblem() is { } problem) throw new ArgumentException($"Invalid LLaMA config: {problem}.", nameof(weights));
        var cacheLength = (long)_config.Layers * _config.MaxSequenceLength * _config.KvDim;
        _keyCache = new double[cacheLength];
        _valueCache = new double[cacheLength];
        _residual = new double[_config.Dim];
        _normed = new double[_config.Dim];
        _query = new double[_config.Dim];
        _key = new double[_config.KvDim];
        _value = new double[_config.KvDim];
        _attention = new double[_config.Dim];
        _projected = new double[_config.Dim];
        _gate = new double[_config.HiddenDim];
        _up = new double[_config.HiddenDim];
        _scores = new double[_config.MaxSequenceLength];
    }

    /// <summary>The position the next token will take (how many tokens the cache holds).</summary>
    public int Position { get; private set; }

    /// <summary>Empties the KV cache so a new sequence starts at position 0.</summary>
    public void Reset() => Position = 0;

    /// <summary>Feeds <paramref name="token"/> at <see cref="Position"/> and returns the next-token logits.</summary>
    public double[] Forward(int token)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(token);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(token, _config.VocabSize);
        if (Position >= _config.MaxSequenceLength)
            throw new InvalidOperationException($"The context is full ({_config.MaxSequenceLength} tokens).");

        var dim = _config.Dim;
        var embedding = _weights.TokenEmbedding.Slice(token * dim, dim);
        for (var i = 0; i < dim; i++) _residual[i] = embedding[i];
        for (var layer = 0; layer < _config.Layers; layer++)
        {
            AttentionBlock(layer);
            FeedForwardBlock(layer);
        }
        Position++;

        LlamaMath.RmsNorm(_residual, _weights.FinalNorm, _config.NormEpsilon, _normed);
        var logits = new double[_config.VocabSize];
        LlamaMath.MatVec(_weights.Classifier, _normed, logits);
        return logits;
    }

    /// <summary>Feeds every token of <paramref name="tokens"/> and returns the logits after the last one.</summary>
    public double[] Forward(ReadOnlySpan<int> tokens)
    {
        if (tokens.IsEmpty) throw new ArgumentException("At least one token is required.", nameof(tokens));
        double[] logits = [];
        foreach (var token in tokens) logits = Forward(token);
        return logits;
    }

    private void AttentionBlock(int layer)
    {
        var config = _config;
        LlamaMath.RmsNorm(_residual, _weights.AttentionNorm(layer), config.NormEpsilon, _normed);
        LlamaMath.MatVec(_weights.Query(layer), _normed, _query);
        LlamaMath.MatVec(_weights.Key(layer), _normed, _key);
        LlamaMath.MatVec(_weights.Value(layer), _normed, _value);
        LlamaMath.Rope(_query, config.HeadSize, Position, config.RopeTheta, config.RopeLayout);
        LlamaMath.Rope(_key, config.HeadSize, Position, config.RopeTheta, config.RopeLayout);

        var layerOffset = (long)layer * config.MaxSequenceLength * config.KvDim;
        _key.CopyTo(_keyCache.AsSpan((int)(layerOffset + (long)Position * config.KvDim), config.KvDim));
        _value.CopyTo(_valueCache.AsSpan((int)(layerOffset + (long)Position * config.KvDim), config.KvDim));

        for (var head = 0; head < config.Heads; head++) AttendHead(head, layerOffset);

        LlamaMath.MatVec(_weights.AttentionOutput(layer), _attention, _projected);
        for (var i = 0; i < config.Dim; i++) _residual[i] += _projected[i];
    }

    /// <summary>Causal attention of one query head over its (shared) KV head at positions 0..Position.</summary>
    private void AttendHead(int head, long layerOffset)
    {
        var headSize = _config.HeadSize;
        var kvOffset = head / _config.QueriesPerKvHead * headSize;
        var query = _query.AsSpan(head * headSize, headSize);
        var scale = 1.0 / Math.Sqrt(headSize);
        var scores = _scores.AsSpan(0, Position + 1);
        for (var t = 0; t < scores.Length; t++)
        {
            var key = CachedRow(_keyCache, layerOffset, t).Slice(kvOffset, headSize);
            double dot = 0;
            for (var i = 0; i < headSize; i++) dot += query[i] * key[i];
            scores[t] = dot * scale;
        }
        PlaintextReference.Softmax(scores);

        var output = _attention.AsSpan(head * headSize, headSize);
        output.Clear();
        for (var t = 0; t < scores.Length; t++)
        {
            var value = CachedRow(_valueCache, layerOffset, t).Slice(kvOffset, headSize);
            for (var i = 0; i < headSize; i++) output[i] += scores[t] * value[i];
        }
    }

    private Span<double> CachedRow(double[] cache, long layerOffset, int position) =>
        cache.AsSpan((int)(layerOffset + (long)position * _config.KvDim), _config.KvDim);

    private void FeedForwardBlock(int layer)
    {
        LlamaMath.RmsNorm(_residual, _weights.FeedForwardNorm(layer), _config.NormEpsilon, _normed);
        LlamaMath.MatVec(_weights.Gate(layer), _normed, _gate);
        LlamaMath.MatVec(_weights.Up(layer), _normed, _up);
        LlamaMath.SwiGlu(_gate, _up);
        LlamaMath.MatVec(_weights.Down(layer), _gate, _projected);
        for (var i = 0; i < _config.Dim; i++) _residual[i] += _projected[i];
    }
}
