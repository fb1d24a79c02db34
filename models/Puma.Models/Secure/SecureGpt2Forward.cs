using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Functions;

namespace Puma.Models.Secure;

/// <summary>
/// One party's side of the secure GPT-2 forward (pre-LayerNorm blocks, causal attention, learned
/// positions), as <see cref="Reference.Gpt2Reference"/> computes it in plaintext. Tokens arrive as
/// shared one-hot rows, any number at a time: a whole window at once (every position's hidden
/// state, causal attention within the window) or one token after another (generation). Each
/// layer's keys and values stay as shares in a KV cache [positions, width], so later tokens attend
/// to earlier ones without recomputing them. Positions are public. Weights are held a group at a
/// time (the embeddings, each layer, the head), the next group's stored bytes prefetched meanwhile.
/// <para>
/// GeLU: <see cref="GeluA"/> approximates the exact (erf) GeLU within 2.8e-3; GPT-2's gelu_new
/// (tanh form) differs from it by at most 4.7e-4, so the secure activation is within 3.3e-3 of either.
/// </para>
/// </summary>
/// <param name="positions">
/// Most tokens fed between resets (a request's tokens; the context caps it): the cache is sized to
/// them, since one for the whole context of GPT-2 base takes 302 MB per party however short the request.
/// </param>
internal sealed class SecureGpt2Forward(PartyContext context, SecureGpt2Weights weights, int positions) : IDisposable
{
    private readonly SecureKvCache _cache = new(weights.Layers.Count, Math.Min(positions, weights.Config.ContextLength), weights.Config.Width);

    /// <summary>The position the next token takes (how many tokens the cache holds).</summary>
    public int Position { get; private set; }

    /// <summary>Forgets every token: the next one takes position 0 (a new window).</summary>
    public void Reset() => Position = 0;

    /// <summary>As <see cref="Append{T}"/>, for a head that answers nothing (it sends its product to the client).</summary>
    public void Append(AShare oneHots, int count, Action<AShare> head) => Append(oneHots, count, hidden =>
    {
        head(hidden);
        return true;
    });

    /// <summary>
    /// Feeds <paramref name="count"/> tokens given as one-hot rows [count, vocab] (integers 0/1)
    /// and returns what <paramref name="head"/> makes of their hidden states after the final
    /// LayerNorm, [count, width] fixed point, run while the head's weights
    /// (<see cref="SecureGpt2Weights.Head"/>: the LM head among them) are held.
    /// </summary>
    public T Append<T>(AShare oneHots, int count, Func<AShare, T> head)
    {
        var config = weights.Config;
        var vocab = config.VocabSize;
        if (oneHots.Length != count * vocab) throw new ArgumentException($"{count} one-hot rows have {count * vocab} elements, not {oneHots.Length}.", nameof(oneHots));
        if (Position + count > config.ContextLength) throw new InvalidOperationException($"{Position + count} tokens do not fit the context of {config.ContextLength}.");
        if (Position + count > _cache.Capacity) throw new InvalidOperationException($"{Position + count} tokens exceed the {_cache.Capacity} positions this forward's cache was sized for.");
        using var x = Embed(oneHots, count);
        for (var layer = 0; layer < weights.Layers.Count; layer++)
        {
            using var held = weights.Layers[layer].Weights.OpenPrefetching(After(layer));
            Attention(layer, x, count);
            Mlp(weights.Layers[layer], x, count);
        }
        Position += count;
        using var heldHead = weights.Head.Open();
        AShare hidden;
        using (context.Scope("final_norm")) hidden = weights.FinalNorm.Apply(context, x);
        using (hidden) return head(hidden);
    }

    public void Dispose() => _cache.Dispose();

    private AShare Embed(AShare oneHots, int count)
    {
        int width = weights.Config.Width;
        using var held = weights.Embedding.OpenPrefetching(After(-1));
        var x = EmbeddingA.Embed(context, oneHots, weights.TokenEmbedding.Share, count, weights.Config.VocabSize, width);
        ShareRows.AddRows(x, weights.PositionEmbedding.Share, Position, width);
        return x;
    }

    /// <summary>The group read after layer <paramref name="layer"/> (−1: the embedding).</summary>
    private WeightGroup After(int layer) => layer + 1 < weights.Layers.Count ? weights.Layers[layer + 1].Weights : weights.Head;

    /// <summary>x += c_proj(attention(c_attn(LN1(x)))), keys and values appended to the cache.</summary>
    private void Attention(int layer, AShare x, int count)
    {
        using var _ = context.Scope("attention");
        var config = weights.Config;
        var block = weights.Layers[layer];
        using var normed = block.Norm1.Apply(context, x);
        using var qkv = block.QueryKeyValue.Apply(context, normed, count);
        using var attended = SecureAttention.AttendCached(context, qkv, count, _cache, layer, Position, new AttentionHeads(config.Heads, config.HeadSize), rotary: null);
        using var projected = block.AttentionOutput.Apply(context, attended, count);
        LinearA.Add(x, projected, x);
    }

    /// <summary>x += c_proj(gelu(c_fc(LN2(x)))).</summary>
    private void Mlp(SecureGpt2Layer block, AShare x, int count)
    {
        using var _ = context.Scope("mlp");
        using var normed = block.Norm2.Apply(context, x);
        using var down = SecureFeedForward.Apply(context, normed, count, block.MlpUp, GeluA.Gelu, block.MlpDown);
        LinearA.Add(x, down, x);
    }
}
