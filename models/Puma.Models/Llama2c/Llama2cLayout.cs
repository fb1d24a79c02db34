namespace Puma.Models.Llama2c;

/// <summary>
/// Where each tensor of a llama2.c checkpoint starts, in floats after the header, and how long
/// the file must be. The order is llama2.c's <c>memory_map_weights</c>: embedding, rms_att, wq,
/// wk, wv, wo, rms_ffn, w1, w2, w3, rms_final, the RoPE tables (seq_len · head_size floats,
/// unused), then wcls only when the classifier is not shared.
/// </summary>
internal sealed class Llama2cLayout
{
    private Llama2cLayout(Llama2cHeader header)
    {
        checked
        {
            long dim = header.Dim, hidden = header.HiddenDim, layers = header.Layers;
            long headSize = dim / header.Heads, kvDim = header.KvHeads * headSize;
            long offset = 0;
            TokenEmbedding = Take(ref offset, header.VocabSize * dim);
            AttentionNorm = Take(ref offset, layers * dim);
            Query = Take(ref offset, layers * dim * dim);
            Key = Take(ref offset, layers * kvDim * dim);
            Value = Take(ref offset, layers * kvDim * dim);
            AttentionOutput = Take(ref offset, layers * dim * dim);
            FeedForwardNorm = Take(ref offset, layers * dim);
            Gate = Take(ref offset, layers * hidden * dim);
            Down = Take(ref offset, layers * dim * hidden);
            Up = Take(ref offset, layers * hidden * dim);
            FinalNorm = Take(ref offset, dim);
            Take(ref offset, header.SeqLen * headSize);
            Classifier = header.SharesClassifier ? TokenEmbedding : Take(ref offset, header.VocabSize * dim);
            FileBytes = Llama2cHeader.Size + offset * sizeof(float);
        }
    }

    public long TokenEmbedding { get; }
    public long AttentionNorm { get; }
    public long Query { get; }
    public long Key { get; }
    public long Value { get; }
    public long AttentionOutput { get; }
    public long FeedForwardNorm { get; }
    public long Gate { get; }
    public long Down { get; }
    public long Up { get; }
    public long FinalNorm { get; }
    public long Classifier { get; }

    /// <summary>Exact size of a well-formed file with this header.</summary>
    public long FileBytes { get; }

    /// <summary>The layout, or null when the sizes overflow 64 bits (a corrupt header).</summary>
    public static Llama2cLayout? TryCreate(Llama2cHeader header)
    {
        try
        {
            return new Llama2cLayout(header);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static long Take(ref long offset, long count)
    {
        var start = offset;
        offset = checked(offset + count);
        return start;
    }
}
