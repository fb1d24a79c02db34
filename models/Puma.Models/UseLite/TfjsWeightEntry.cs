namespace Puma.Models.UseLite;

/// <summary>One tensor of a TF.js weights manifest: where its bytes start in the concatenated shards.</summary>
internal sealed record TfjsWeightEntry(string Name, string DType, int[] Shape, long Offset)
{
    /// <summary>The product of the shape; an <see cref="OverflowException"/> for a corrupt shape rather than a wrapped count.</summary>
    public long ElementCount => Shape.Aggregate(1L, (product, size) => checked(product * size));

    /// <summary>float32 and int32 both take four bytes; the manifest is rejected for anything else.</summary>
    public long ByteLength => checked(ElementCount * sizeof(float));
}
