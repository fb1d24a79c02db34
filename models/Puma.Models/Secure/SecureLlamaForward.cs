using Puma.Models.Reference;
using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Functions;

namespace Puma.Models.Secure;

/// <summary>
/// One party's side of the secure LLaMA decoder: feeds shared one-hot tokens, any number at a time
/// (a whole prompt in one pass, causal within it, or one generated token), keeping every layer's
/// keys and values as shares in a KV cache, exactly as <see cref="LlamaReference"/> does in
/// plaintext. Positions are public (every party knows how many tokens it has processed).
/// Attention is <see cref="SecureAttention.AttendCached"/> with its rotary step and grouped
/// key/value heads, the building block GPT-2 uses too. Weights are held a group at a time
/// (<see cref="SecureLlamaWeights.Layers"/>): a layer's shares exist while it computes, and the
/// next group's stored bytes are prefetched meanwhile, so a pass streams a bundled model once.
/// </summary>
/// <param name="positions">
/// Most tokens fed (the request's prompt and new tokens; the context caps it): the cache is sized
/// to them, since one for LLaMA-7B's whole context takes 8.6 GB per party at 2048 positions.
/// </param>
public sealed class SecureLlamaForward(PartyContext context, SecureLlamaWeights weights, int positions) : IDisposable
{
    private readonly LlamaConfig _config = weights.Config;
    private readonly SecureKvCache _cache = new(weights.Config.Layers, Math.Min(positions, weights.Config.MaxSequenceLength), weights.Config.KvDim);

    /// <summary>The position the next token takes (how many tokens the cache holds).</summary>
    public int Position { get; private set; }

    /// <summary>
    /// Feeds <paramref name="count"/> tokens given as one-hot rows [count, vocab] (integers 0/1)
    /// and returns the shared next-token logits (fixed point) of the last
    /// <paramref name="logitRows"/> of them, [logitRows, vocab], or null when it is 0.
    /// </summary>
    public AShare? Forward(AShare oneHots, int count, int logitRows)
    {
        int vocab = _config.VocabSize;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(logitRows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(logitRows, count);
        if (oneHots.Length != (long)count * vocab) throw new ArgumentException($"{count} one-hot rows have {(long)count * vocab} elements, not {oneHots.Length}.", nameof(oneHots));
        if (Position + count > _config.MaxSequenceLength) throw new InvalidOperationException($"{Position + count} tokens do not fit the context of {_config.MaxSequenceLength}.");
        if (Position + count > _cache.Capacity) throw new InvalidOperationException($"{Position + count} tokens exceed the {_cache.Capacity} positions this forward's cache was sized for.");
        using var residual = Embed(oneHots, count);
        for (var layer = 0; layer < _config.Layers; layer++)
        {
            using var held = weights.Layers[layer].OpenPrefetching(After(layer));
            Attention(layer, residual, count);
            FeedForward(layer, residual, count);
        }
        Position += count;
        return logitRows == 0 ? null : Logits(residual, count, logitRows);
    }

    public void Dispose() => _cache.Dispose();

    private AShare Embed(AShare oneHots, int count)
    {
        using var held = weights.Embedding.OpenPrefetching(After(-1));
        return EmbeddingA.Embed(context, oneHots, weights.TokenEmbedding.Share, count, _config.VocabSize, _config.Dim);
    }

    /// <summary>The group read after layer <paramref name="layer"/> (−1: the embedding).</summary>
    private WeightGroup After(int layer) => layer + 1 < _config.Layers ? weights.Layers[layer + 1] : weights.Head;

    /// <summary>Logits of the last <paramref name="rows"/> rows of <paramref name="residual"/> [count, dim]: classifier·RMSNorm(x).</summary>
    private AShare Logits(AShare residual, int count, int rows)
    {
        using var _ = context.Scope("classifier");
        using var held = weights.Head.Open();
        int dim = _config.Dim;
        using var last = ShareSlices.Slice(residual, (count - rows) * dim, rows * dim);
        using var normed = RmsNormA.RmsNorm(context, last, weights.FinalNorm.Share, _config.NormEpsilon);
        return Project(normed, weights.Classifier, rows, dim, _config.VocabSize);
    }

    /// <summary>x += W_o·attention(rope(W_qkv·RMSNorm(x))), the new key and value appended to the cache.</summary>
    private void Attention(int layer, AShare residual, int count)
    {
        using var _ = context.Scope("attention");
        int dim = _config.Dim;
        var heads = new AttentionHeads(_config.Heads, _config.KvHeads, _config.HeadSize);
        using var normed = RmsNormA.RmsNorm(context, residual, weights.AttentionNorm[layer].Share, _config.NormEpsilon);
        using var qkv = Project(normed, weights.QueryKeyValue[layer], count, dim, heads.ProjectionWidth);
        using var attended = SecureAttention.AttendCached(context, qkv, count, _cache, layer, Position, heads, RotaryEmbedding.Of(_config));
        using var projected = Project(attended, weights.AttentionOutput[layer], count, dim, dim);
        LinearA.Add(residual, projected, residual);
    }

    /// <summary>SwiGLU: x += W2·(silu(W1·x̂) ⊙ W3·x̂), with W1 and W3 stacked into one product.</summary>
    private void FeedForward(int layer, AShare residual, int count)
    {
        using var _ = context.Scope("feed_forward");
        int dim = _config.Dim, hidden = _config.HiddenDim;
        using var normed = RmsNormA.RmsNorm(context, residual, weights.FeedForwardNorm[layer].Share, _config.NormEpsilon);
        using var gateUp = Project(normed, weights.GateUp[layer], count, dim, 2 * hidden);
        using var gate = ShareRows.TakeColumns(gateUp, count, 2 * hidden, 0, hidden);
        using var up = ShareRows.TakeColumns(gateUp, count, 2 * hidden, hidden, hidden);
        using var activated = SiluA.Silu(context, gate);
        using var product = MulTruncAA.MulTrunc(context, activated, up);
        using var projected = Project(product, weights.Down[layer], count, hidden, dim);
        LinearA.Add(residual, projected, residual);
    }

    /// <summary>X·Wᵀ truncated, for <paramref name="rows"/> rows X of <paramref name="input"/> and W stored [output, input], read a block of W's rows at a time.</summary>
    private AShare Project(AShare x, WeightTensor w, int rows, int input, int output)
        => MatMulTruncAA.MatMulTrunc(context, x, w.RowBlocks(output, input), rows);
}
