using Puma.Models.Reference;
using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Functions;
using Puma.Protocols.Net;

namespace Puma.Models.Secure;

/// <summary>
/// One party's side of the secure LLaMA decoder: feeds one shared one-hot token at a time, keeping
/// every layer's keys and values as shares in a KV cache, exactly as <see cref="LlamaReference"/>
/// does in plaintext. Positions are public (every party knows how many tokens it has processed).
/// Per KV head the cache is [maxSeq, headSize] row-major so that the rows of positions 0..t are
/// one contiguous operand of the attention products; the query heads sharing a KV head form one
/// [QueriesPerKvHead, headSize] matrix, and the products of all KV heads run in the same rounds.
/// </summary>
public sealed class SecureLlamaForward : IDisposable
{
    private readonly PartyContext _context;
    private readonly SecureLlamaWeights _weights;
    private readonly LlamaConfig _config;
    private readonly AShare[][] _keyCache;
    private readonly AShare[][] _valueCache;

    public SecureLlamaForward(PartyContext context, SecureLlamaWeights weights)
    {
        _context = context;
        _weights = weights;
        _config = weights.Config;
        var cacheLength = _config.MaxSequenceLength * _config.HeadSize;
        _keyCache = NewCache(_config.Layers, _config.KvHeads, cacheLength);
        _valueCache = NewCache(_config.Layers, _config.KvHeads, cacheLength);
    }

    /// <summary>The position the next token takes (how many tokens the cache holds).</summary>
    public int Position { get; private set; }

    /// <summary>
    /// Feeds the token whose one-hot row (length vocab, integers 0/1) is <paramref name="oneHot"/>
    /// and returns the shared next-token logits (fixed point), or null when
    /// <paramref name="computeLogits"/> is false (prompt tokens before the last need none).
    /// </summary>
    public AShare? Forward(AShare oneHot, bool computeLogits)
    {
        if (oneHot.Length != _config.VocabSize) throw new ArgumentException($"A one-hot row has {_config.VocabSize} elements, not {oneHot.Length}.", nameof(oneHot));
        if (Position >= _config.MaxSequenceLength) throw new InvalidOperationException($"The context is full ({_config.MaxSequenceLength} tokens).");
        using var residual = EmbeddingA.Embed(_context, oneHot, _weights.TokenEmbedding, 1, _config.VocabSize, _config.Dim);
        for (var layer = 0; layer < _config.Layers; layer++)
        {
            Attention(layer, residual);
            FeedForward(layer, residual);
        }
        Position++;
        if (!computeLogits) return null;
        using var _ = _context.Scope("classifier");
        using var normed = RmsNormA.RmsNorm(_context, residual, _weights.FinalNorm, _config.NormEpsilon);
        return MatMulTruncAA.MatMulTrunc(_context, normed, _weights.Classifier, Projection(_config.Dim, _config.VocabSize));
    }

    public void Dispose()
    {
        foreach (var share in _keyCache.Concat(_valueCache).SelectMany(layer => layer)) share.Dispose();
    }

    private void Attention(int layer, AShare residual)
    {
        using var _ = _context.Scope("attention");
        int dim = _config.Dim, kvDim = _config.KvDim, headSize = _config.HeadSize, perKv = _config.QueriesPerKvHead;
        int positions = Position + 1, f = _context.Config.FractionalBits;
        using var normed = RmsNormA.RmsNorm(_context, residual, _weights.AttentionNorm[layer], _config.NormEpsilon);
        using var qkv = MatMulTruncAA.MatMulTrunc(_context, normed, _weights.QueryKeyValue[layer], Projection(dim, dim + 2 * kvDim));

        using var queryKey = ShareSlices.Slice(qkv, 0, dim + kvDim);
        using var rotated = new AShare(dim + kvDim);
        using (_context.Scope("rope"))
        {
            _context.Run(new RotaryTables(_config, Position, dim + kvDim, f).Steps(_context, queryKey, rotated));
        }
        for (var kv = 0; kv < _config.KvHeads; kv++)
        {
            using var key = ShareSlices.Slice(rotated, dim + kv * headSize, headSize);
            using var value = ShareSlices.Slice(qkv, dim + kvDim + kv * headSize, headSize);
            ShareSlices.CopyInto(key, _keyCache[layer][kv], Position * headSize);
            ShareSlices.CopyInto(value, _valueCache[layer][kv], Position * headSize);
        }

        using var temporaries = new ShareScope();
        var kvHeads = Enumerable.Range(0, _config.KvHeads).ToArray();
        var keys = temporaries.Own(kvHeads.Select(kv => ShareSlices.Slice(_keyCache[layer][kv], 0, positions * headSize)));
        var values = temporaries.Own(kvHeads.Select(kv => ShareSlices.Slice(_valueCache[layer][kv], 0, positions * headSize)));
        var queries = temporaries.Own(kvHeads.Select(kv => ShareSlices.Slice(rotated, kv * perKv * headSize, perKv * headSize)));
        var scores = temporaries.Own(kvHeads.Select(_ => new AShare(perKv * positions)));
        using (_context.Scope("scores"))
        {
            _context.Run(Steps.Together([.. kvHeads.Select(kv => MatMulTruncAA.Steps(
                _context, queries[kv], keys[kv], new MatMulShape(perKv, headSize, positions, TransposeY: true), f, scores[kv]))]));
        }
        using var allScores = ShareRows.Stack(scores);
        using var probabilities = SoftmaxA.Softmax(_context, allScores, _config.Heads, positions);
        var groupProbabilities = temporaries.Own(kvHeads.Select(kv => ShareSlices.Slice(probabilities, kv * perKv * positions, perKv * positions)));
        var outputs = temporaries.Own(kvHeads.Select(_ => new AShare(perKv * headSize)));
        using (_context.Scope("weighted_values"))
        {
            _context.Run(Steps.Together([.. kvHeads.Select(kv => MatMulTruncAA.Steps(
                _context, groupProbabilities[kv], values[kv], new MatMulShape(perKv, positions, headSize), f, outputs[kv]))]));
        }
        using var attended = ShareRows.Stack(outputs);
        using var projected = MatMulTruncAA.MatMulTrunc(_context, attended, _weights.AttentionOutput[layer], Projection(dim, dim));
        LinearA.Add(residual, projected, residual);
    }

    /// <summary>SwiGLU: x += W2·(silu(W1·x̂) ⊙ W3·x̂), with W1 and W3 stacked into one product.</summary>
    private void FeedForward(int layer, AShare residual)
    {
        using var _ = _context.Scope("feed_forward");
        int dim = _config.Dim, hidden = _config.HiddenDim;
        using var normed = RmsNormA.RmsNorm(_context, residual, _weights.FeedForwardNorm[layer], _config.NormEpsilon);
        using var gateUp = MatMulTruncAA.MatMulTrunc(_context, normed, _weights.GateUp[layer], Projection(dim, 2 * hidden));
        using var gate = ShareSlices.Slice(gateUp, 0, hidden);
        using var up = ShareSlices.Slice(gateUp, hidden, hidden);
        using var activated = SiluA.Silu(_context, gate);
        using var product = MulTruncAA.MulTrunc(_context, activated, up);
        using var projected = MatMulTruncAA.MatMulTrunc(_context, product, _weights.Down[layer], Projection(hidden, dim));
        LinearA.Add(residual, projected, residual);
    }

    /// <summary>x·Wᵀ for one row x of <paramref name="input"/> and W stored [output, input].</summary>
    private static MatMulShape Projection(int input, int output) => new(1, input, output, TransposeY: true);

    private static AShare[][] NewCache(int layers, int heads, int length)
        => [.. Enumerable.Range(0, layers).Select(_ => Enumerable.Range(0, heads).Select(_ => new AShare(length)).ToArray())];
}
