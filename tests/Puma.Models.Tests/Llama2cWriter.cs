using Puma.Models.Llama2c;

namespace Puma.Models.Tests;

/// <summary>
/// Writes llama2.c checkpoints with random weights for tests. The float count is computed here
/// independently of the reader, from llama2.c's export order.
/// </summary>
internal static class Llama2cWriter
{
    /// <summary>A small grouped-query model: 2 layers, 4 query heads sharing 2 KV heads.</summary>
    public static readonly Llama2cHeader Small = new(Dim: 16, HiddenDim: 24, Layers: 2, Heads: 4, KvHeads: 2, Vocab: 40, SeqLen: 8);

    /// <summary>Floats after the header for a well-formed file (RoPE tables and an untied classifier included).</summary>
    public static int FloatCount(Llama2cHeader header)
    {
        int dim = header.Dim, hidden = header.HiddenDim, layers = header.Layers, vocab = Math.Abs(header.Vocab);
        var headSize = dim / header.Heads;
        var kvDim = header.KvHeads * headSize;
        var count = vocab * dim
                    + layers * (2 * dim + 2 * dim * dim + 2 * kvDim * dim + 3 * hidden * dim)
                    + dim
                    + header.SeqLen * headSize;
        return header.Vocab < 0 ? count + vocab * dim : count;
    }

    /// <summary>Uniform weights in [-0.5, 0.5) for every float the header calls for.</summary>
    public static float[] RandomFloats(Llama2cHeader header, int seed)
    {
        var random = new Random(seed);
        var floats = new float[FloatCount(header)];
        for (var i = 0; i < floats.Length; i++) floats[i] = (float)(random.NextDouble() - 0.5);
        return floats;
    }

    /// <summary>The file bytes: the header followed by <paramref name="floats"/> (little-endian).</summary>
    public static byte[] Bytes(Llama2cHeader header, ReadOnlySpan<float> floats)
    {
        var bytes = new byte[Llama2cHeader.Size + floats.Length * sizeof(float)];
        header.Write(bytes);
        for (var i = 0; i < floats.Length; i++)
            BitConverter.TryWriteBytes(bytes.AsSpan(Llama2cHeader.Size + i * sizeof(float)), floats[i]);
        return bytes;
    }
}
