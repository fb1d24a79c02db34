namespace Puma.Models.Checkpoints;

/// <summary>
/// One tensor's header entry: its element type, shape, and byte range within the data section
/// (which starts right after the 8-byte length and the JSON header).
/// </summary>
public sealed record TensorInfo(string Name, TensorDType DType, IReadOnlyList<int> Shape, long DataStart, long DataEnd)
{
    /// <summary>Product of the shape (1 for a scalar).</summary>
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (var dim in Shape) count *= dim;
            return count;
        }
    }

    public long ByteLength => DataEnd - DataStart;

    /// <summary>The shape as text, e.g. <c>[128, 384]</c>, for error messages.</summary>
    public string ShapeText => FormatShape(Shape);

    public static string FormatShape(IEnumerable<int> shape) => "[" + string.Join(", ", shape) + "]";
}
