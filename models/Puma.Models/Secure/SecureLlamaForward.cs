using Puma.Models.Reference;
using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Functions;

namespace Puma.Models.Secure;

/// <summary>
/// One party's side of the secure LLaMA decoder: feeds one shared one-hot token at a time, keeping
/// every layer's keys and values as shares in a KV cache, exactly as <see cref="LlamaReference"/>
/// does in plaintext. Positions are public (every party knows how many tokens it has processed).
/// Attention is <see cref="SecureAttention"/> with its rotary step and grouped key/value heads: the
/// query heads sharing a KV head form one [QueriesPerKvHead, headSize] matrix, and the products
/// of all KV heads run in the same rounds.
/// </summary>
public sealed class SecureLlamaForward : IDisposable
{
    private readonly PartyContext _context;
    private readonly SecureLlamaWeights _weights;
    private readonly LlamaConfig _config;
    private readonly SecureKvCache _cache;

    public SecureLlamaForward(PartyContext context, SecureLlamaWeights weights)
    {
        _context = context;
        _weights = weights;
        _config = weights.Config;
        _cache = new SecureKvCache(_config.Layers, _config.MaxSequenceLength, _config.KvDim);
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

    public void Dispose() => _cache.Dispose();

    /// <summary>x += W_o·attention(rope(W_qkv·RMSNorm(x))), the new key and value appended to the cache.</summary>
    private void Attention(int layer, AShare residual)
    {
        using var _ = _context.Scope("attention");
        int dim = _config.Dim;
        var heads = new AttentionHeads(_config.Heads, _config.KvHeads, _config.HeadSize);
        using var normed = RmsNormA.RmsNorm(_context, residual, _weights.AttentionNorm[layer], _config.NormEpsilon);
        using var qkv = MatMulTruncAA.MatMulTrunc(_context, normed, _weights.QueryKeyValue[layer], Projection(dim, heads.ProjectionWidth));
        using var attended = SecureAttention.AttendCached(_context, qkv, 1, _cache, layer, Position, heads, RotaryEmbedding.Of(_config));
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
}
