using System.Buffers.Binary;
using Puma.Models.Reference;

namespace Puma.Models.Llama2c;

/// <summary>
/// The seven little-endian int32 fields that open a llama2.c checkpoint. A negative
/// <see cref="Vocab"/> is llama2.c's flag for an untied classifier stored after the RoPE tables.
/// </summary>
public readonly record struct Llama2cHeader(int Dim, int HiddenDim, int Layers, int Heads, int KvHeads, int Vocab, int SeqLen)
{
    /// <summary>Bytes the header occupies.</summary>
    public const int Size = 7 * sizeof(int);

    /// <summary>Whether the classifier is the token embedding (positive vocab in the header).</summary>
    public bool SharesClassifier => Vocab > 0;

    /// <summary>Number of tokens, whatever the sign in the header.</summary>
    public int VocabSize => Math.Abs(Vocab);

    /// <summary>Decodes the header from the first <see cref="Size"/> bytes.</summary>
    public static Llama2cHeader Parse(ReadOnlySpan<byte> bytes) => new(
        Field(bytes, 0), Field(bytes, 1), Field(bytes, 2), Field(bytes, 3), Field(bytes, 4), Field(bytes, 5), Field(bytes, 6));

    /// <summary>Encodes the header (little-endian), for writers of the format.</summary>
    public void Write(Span<byte> destination)
    {
        int[] fields = [Dim, HiddenDim, Layers, Heads, KvHeads, Vocab, SeqLen];
        for (var i = 0; i < fields.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(destination[(i * sizeof(int))..], fields[i]);
    }

    /// <summary>The model shape the header describes, with llama2.c's fixed constants and pairing.</summary>
    public LlamaConfig ToConfig() => new(
        Dim, HiddenDim, Layers, Heads, KvHeads, VocabSize, SeqLen,
        NormEpsilon: 1e-5, RopeTheta: 10000, LlamaRopeLayout.Interleaved);

    /// <inheritdoc />
    public override string ToString() =>
        $"dim {Dim}, hidden {HiddenDim}, layers {Layers}, heads {Heads}, kv_heads {KvHeads}, vocab {Vocab}, seq_len {SeqLen}";

    private static int Field(ReadOnlySpan<byte> bytes, int index) => BinaryPrimitives.ReadInt32LittleEndian(bytes[(index * sizeof(int))..]);
}
