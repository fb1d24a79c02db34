using Puma.Protocols.Core;
using Puma.Simd;

namespace Puma.Models.Secure;

/// <summary>
/// Local (communication-free) reshaping of row-major shares [rows, stride]: taking and placing
/// column blocks (one attention head, or the query/key/value part of a stacked projection),
/// stacking, and adding one row to every row (biases). Both components are handled alike.
/// </summary>
internal static class ShareRows
{
    /// <summary>A new [rows, width] share holding columns [start, start + width) of <paramref name="source"/> [rows, stride].</summary>
    public static AShare TakeColumns(AShare source, int rows, int stride, int start, int width)
    {
        var block = new AShare(rows * width);
        for (var row = 0; row < rows; row++)
        {
            source.Own.Slice(row * stride + start, width).CopyTo(block.Own.Slice(row * width, width));
            source.Next.Slice(row * stride + start, width).CopyTo(block.Next.Slice(row * width, width));
        }
        return block;
    }

    /// <summary>Writes <paramref name="block"/> [rows, width] into columns [start, start + width) of <paramref name="destination"/> [rows, stride].</summary>
    public static void PutColumns(AShare block, AShare destination, int stride, int start)
    {
        int rows = destination.Length / stride, width = block.Length / rows;
        for (var row = 0; row < rows; row++)
        {
            block.Own.Slice(row * width, width).CopyTo(destination.Own.Slice(row * stride + start, width));
            block.Next.Slice(row * width, width).CopyTo(destination.Next.Slice(row * stride + start, width));
        }
    }

    /// <summary>The parts one after the other in a new share.</summary>
    public static AShare Stack(IReadOnlyList<AShare> parts)
    {
        var whole = new AShare(parts.Sum(part => part.Length));
        var offset = 0;
        foreach (var part in parts)
        {
            ShareSlices.CopyInto(part, whole, offset);
            offset += part.Length;
        }
        return whole;
    }

    /// <summary>x[r, ·] += row for every row r of <paramref name="x"/> (row.Length columns).</summary>
    public static void AddToEveryRow(AShare x, AShare row)
    {
        var width = row.Length;
        for (var start = 0; start < x.Length; start += width)
        {
            Ring.Add(x.Own.Slice(start, width), row.Own.Span, x.Own.Slice(start, width));
            Ring.Add(x.Next.Slice(start, width), row.Next.Span, x.Next.Slice(start, width));
        }
    }

    /// <summary>x += rows [first, first + x.Length / width) of <paramref name="table"/> (width columns): learned positions.</summary>
    public static void AddRows(AShare x, AShare table, int first, int width)
    {
        var offset = first * width;
        Ring.Add(x.Own.Span, table.Own.Slice(offset, x.Length), x.Own.Span);
        Ring.Add(x.Next.Span, table.Next.Slice(offset, x.Length), x.Next.Span);
    }
}
