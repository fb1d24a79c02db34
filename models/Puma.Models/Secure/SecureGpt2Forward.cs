using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Functions;

namespace Puma.Models.Secure;

/// <summary>
/// One party's side of the secure GPT-2 forward (pre-LayerNorm blocks, causal attention, learned
/// positions), as <see cref="Reference.Gpt2Reference"/> computes it in plaintext. Tokens arrive as
/// shared one-hot rows, any number at a time: a whole window at once (every position's hidden
/// state, causal attention within the window) or one token after another (generation). Each
/// layer's keys and values stay as shares in a KV cache [context, width], so later tokens attend
/// to earlier ones without recomputing them. Positions are public.
/// <para>
/// GeLU: <see cref="GeluA"/> approximates the exact (erf) GeLU within 2.8e-3; GPT-2's gelu_new
/// (tanh form) differs from it by at most 4.7e-4, so the secure activation is within 3.3e-3 of either.
/// </para>
/// </summary>
internal sealed class SecureGpt2Forward : IDisposable
{
    private readonly PartyContext _context;
    private readonly SecureGpt2Weights _weights;
    private readonly AShare[] _keyCache;
    private readonly AShare[] _valueCache;

    public SecureGpt2Forward(PartyContext context, SecureGpt2Weights weights)
    {
        _context = context;
        _weights = weights;
        var cacheLength = weights.Config.ContextLength * weights.Config.Width;
        _keyCache = [.. weights.Layers.Select(_ => new AShare(cacheLength))];
        _valueCache = [.. weights.Layers.Select(_ => new AShare(cacheLength))];
    }

    /// <summary>The position the next token takes (how many tokens the cache holds).</summary>
    public int Position { get; private set; }

    /// <summary>Forgets every token: the next one takes position 0 (a new window).</summary>
    public void Reset() => Position = 0;

    /// <summary>
    /// Feeds <paramref name="count"/> tokens given as one-hot rows [count, vocab] (integers 0/1)
    /// and returns their hidden states after the final LayerNorm, [count, width] fixed point.
    /// </summary>
    public AShare Append(AShare oneHots, int count)
    {
        var config = _weights.Config;
        int width = config.Width, vocab = config.VocabSize;
        if (oneHots.Length != count * vocab) throw new ArgumentException($"{count} one-hot rows have {count * vocab} elements, not {oneHots.Length}.", nameof(oneHots));
        if (Position + count > config.ContextLength) throw new InvalidOperationException($"{Position + count} tokens do not fit the context of {config.ContextLength}.");
        using var x = EmbeddingA.Embed(_context, oneHots, _weights.TokenEmbedding, count, vocab, width);
        ShareRows.AddRows(x, _weights.PositionEmbedding, Position, width);
        for (var layer = 0; layer < _weights.Layers.Count; layer++)
        {
            Attention(layer, x, count);
            Mlp(_weights.Layers[layer], x, count);
        }
        Position += count;
        using var _ = _context.Scope("final_norm");
        return _weights.FinalNorm.Apply(_context, x);
    }

    public void Dispose()
    {
        foreach (var share in _keyCache.Concat(_valueCache)) share.Dispose();
    }

    /// <summary>x += c_proj(attention(c_attn(LN1(x)))), keys and values appended to the cache.</summary>
    private void Attention(int layer, AShare x, int count)
    {
        using var _ = _context.Scope("attention");
        var config = _weights.Config;
        var weights = _weights.Layers[layer];
        int width = config.Width, positions = Position + count;
        using var normed = weights.Norm1.Apply(_context, x);
        using var qkv = weights.QueryKeyValue.Apply(_context, normed, count);
        using (var newKeys = ShareRows.TakeColumns(qkv, count, 3 * width, width, width))
        using (var newValues = ShareRows.TakeColumns(qkv, count, 3 * width, 2 * width, width))
        {
            ShareSlices.CopyInto(newKeys, _keyCache[layer], Position * width);
            ShareSlices.CopyInto(newValues, _valueCache[layer], Position * width);
        }
        using var queries = ShareRows.TakeColumns(qkv, count, 3 * width, 0, width);
        using var keys = ShareSlices.Slice(_keyCache[layer], 0, positions * width);
        using var values = ShareSlices.Slice(_valueCache[layer], 0, positions * width);
        using var attended = SecureAttention.Attend(_context, queries, keys, values, count, positions, config.Heads, config.HeadSize, causal: true);
        using var projected = weights.AttentionOutput.Apply(_context, attended, count);
        LinearA.Add(x, projected, x);
    }

    /// <summary>x += c_proj(gelu(c_fc(LN2(x)))).</summary>
    private void Mlp(SecureGpt2Layer weights, AShare x, int count)
    {
        using var _ = _context.Scope("mlp");
        using var normed = weights.Norm2.Apply(_context, x);
        using var up = weights.MlpUp.Apply(_context, normed, count);
        using var activated = GeluA.Gelu(_context, up);
        using var down = weights.MlpDown.Apply(_context, activated, count);
        LinearA.Add(x, down, x);
    }
}
