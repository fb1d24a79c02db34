namespace Puma.Models.Reference;

/// <summary>
/// Shape and constants of a LLaMA-architecture decoder, whatever checkpoint format it came from.
/// </summary>
/// <param name="Dim">Width of the residual stream.</param>
/// <param name="HiddenDim">Width of the SwiGLU feed-forward layer.</param>
/// <param name="Layers">Number of transformer blocks.</param>
/// <param name="Heads">Number of query heads.</param>
/// <param name="KvHeads">Number of key/value heads; each serves <c>Heads / KvHeads</c> query heads.</param>
/// <param name="VocabSize">Number of tokens (rows of the embedding and the classifier).</param>
/// <param name="MaxSequenceLength">Longest context the KV cache holds.</param>
/// <param name="NormEpsilon">RMSNorm epsilon added to the mean square.</param>
/// <param name="RopeTheta">Rotary embedding base.</param>
/// <param name="RopeLayout">How the q/k rows pair coordinates for rotation.</param>
public sealed record LlamaConfig(
    int Dim,
    int HiddenDim,
    int Layers,
    int Heads,
    int KvHeads,
    int VocabSize,
    int MaxSequenceLength,
    double NormEpsilon,
    double RopeTheta,
    LlamaRopeLayout RopeLayout)
{
    /// <summary>Width of one attention head.</summary>
    public int HeadSize => Dim / Heads;

    /// <summary>Width of the key (and value) projection: all KV heads together.</summary>
    public int KvDim => KvHeads * HeadSize;

    /// <summary>How many query heads share one key/value head.</summary>
    public int QueriesPerKvHead => Heads / KvHeads;

    /// <summary>
    /// The first inconsistency in the shape, or null when the forward pass can run on it. Readers
    /// report it against the file it came from; the forward pass refuses a config that has one.
    /// </summary>
    public string? FindProblem()
    {
        if (Dim <= 0 || HiddenDim <= 0 || Layers <= 0 || Heads <= 0 || KvHeads <= 0 || VocabSize <= 0 || MaxSequenceLength <= 0)
            return $"every dimension must be positive (dim {Dim}, hidden {HiddenDim}, layers {Layers}, heads {Heads}, " +
                   $"kv_heads {KvHeads}, vocab {VocabSize}, seq_len {MaxSequenceLength})";
        if (Dim % Heads != 0) return $"dim {Dim} is not a multiple of heads {Heads}";
        if (HeadSize % 2 != 0) return $"head size {HeadSize} is odd; rotary embeddings rotate pairs";
        if (Heads % KvHeads != 0) return $"heads {Heads} is not a multiple of kv_heads {KvHeads}";
        if (!(NormEpsilon >= 0)) return $"rms_norm_eps {NormEpsilon} must be non-negative";
        if (!(RopeTheta > 1)) return $"rope_theta {RopeTheta} must exceed 1";
        return null;
    }
}
