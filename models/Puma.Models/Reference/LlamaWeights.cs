namespace Puma.Models.Reference;

/// <summary>
/// The float32 tensors of a LLaMA decoder in llama2.c's orientation: every projection is
/// [out, in] row-major, so output i is the dot product of row i with the input. Checkpoint readers
/// expose their storage through this view (in place, without copying) so the plaintext reference
/// and the secure forward read the same numbers whatever format they came from. Spans are valid
/// only while the owning reader is alive.
/// </summary>
public abstract class LlamaWeights
{
    /// <summary>Shape and constants the tensors follow.</summary>
    public abstract LlamaConfig Config { get; }

    /// <summary>Token embedding, [vocab, dim].</summary>
    public abstract ReadOnlySpan<float> TokenEmbedding { get; }

    /// <summary>RMSNorm weight before attention, [dim].</summary>
    public abstract ReadOnlySpan<float> AttentionNorm(int layer);

    /// <summary>Query projection, [dim, dim], rows paired for rotation as <see cref="LlamaConfig.RopeLayout"/> says.</summary>
    public abstract ReadOnlySpan<float> Query(int layer);

    /// <summary>Key projection, [kvDim, dim], rows paired like <see cref="Query"/>.</summary>
    public abstract ReadOnlySpan<float> Key(int layer);

    /// <summary>Value projection, [kvDim, dim].</summary>
    public abstract ReadOnlySpan<float> Value(int layer);

    /// <summary>Attention output projection, [dim, dim].</summary>
    public abstract ReadOnlySpan<float> AttentionOutput(int layer);

    /// <summary>RMSNorm weight before the feed-forward layer, [dim].</summary>
    public abstract ReadOnlySpan<float> FeedForwardNorm(int layer);

    /// <summary>SwiGLU gate projection (llama2.c w1, HF gate_proj), [hidden, dim].</summary>
    public abstract ReadOnlySpan<float> Gate(int layer);

    /// <summary>SwiGLU up projection (llama2.c w3, HF up_proj), [hidden, dim].</summary>
    public abstract ReadOnlySpan<float> Up(int layer);

    /// <summary>SwiGLU down projection (llama2.c w2, HF down_proj), [dim, hidden].</summary>
    public abstract ReadOnlySpan<float> Down(int layer);

    /// <summary>RMSNorm weight after the last block, [dim].</summary>
    public abstract ReadOnlySpan<float> FinalNorm { get; }

    /// <summary>Classifier (LM head), [vocab, dim]; the embedding itself when the checkpoint ties them.</summary>
    public abstract ReadOnlySpan<float> Classifier { get; }
}
