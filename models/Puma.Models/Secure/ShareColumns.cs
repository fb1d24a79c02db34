using Puma.Protocols.Core;

namespace Puma.Models.Secure;

/// <summary>
/// Local rearrangements of row-major shares (both components; no communication): column blocks
/// for splitting queries, keys and values into heads and joining heads again, bias rows tiled over
/// tokens, sums over rows for pooling, and the per-row sums and broadcasts of a softmax.
/// </summary>
internal static class ShareColumns
{
    /// <summary>Columns [start, start + count) of the [rows, width] matrix <paramref name="source"/>, as a new [rows, count] share.</summary>
    public static AShare Take(AShare source, int width, int start, int count)
    {
        var rows = source.Length / width;
        var block = new AShare(rows * count);
        for (var r = 0; r < rows; r++)
        {
            source.Own.Slice(r * width + start, count).CopyTo(block.Own.Slice(r * count, count));
            source.Next.Slice(r * width + start, count).CopyTo(block.Next.Slice(r * count, count));
        }
        return block;
    }

    /// <summary>Writes the [rows, count] <paramref name="block"/> into columns [start, start + count) of the [rows, width] <paramref name="destination"/>.</summary>
    public static void Put(AShare block, AShare destination, int width, int start)
    {
        var rows = destination.Length / width;
        var count = block.Length / rows;
        for (var r = 0; r < rows; r++)
        {
            block.Own.Slice(r * count, count).CopyTo(destination.Own.Slice(r * width + start, count));
            block.Next.Slice(r * count, count).CopyTo(destination.Next.Slice(r * width + start, count));
        }
    }

    /// <summary><paramref name="row"/> repeated <paramref name="rows"/> times.</summary>
    public static AShare Tile(AShare row, int rows)
    {
        var tiled = new AShare(rows * row.Length);
        for (var r = 0; r < rows; r++) ShareSlices.CopyInto(row, tiled, r * row.Length);
        return tiled;
    }

    /// <summary>The sum of the rows of the [rows, width] <paramref name="source"/>, a [width] share.</summary>
    public static AShare SumRows(AShare source, int width)
    {
        var sum = new AShare(width);
        Span<ulong> own = sum.Own.Span, next = sum.Next.Span;
        for (var start = 0; start < source.Length; start += width)
        {
            ReadOnlySpan<ulong> sourceOwn = source.Own.Slice(start, width), sourceNext = source.Next.Slice(start, width);
            for (var i = 0; i < width; i++)
            {
                own[i] += sourceOwn[i];
                next[i] += sourceNext[i];
            }
        }
        return sum;
    }

    /// <summary>The sum of each row of the [rows, width] <paramref name="source"/>, a [rows] share.</summary>
    public static AShare RowSums(AShare source, int width)
    {
        var sums = new AShare(source.Length / width);
        for (var r = 0; r < sums.Length; r++)
        {
            ulong own = 0, next = 0;
            foreach (var value in source.Own.Slice(r * width, width)) own += value;
            foreach (var value in source.Next.Slice(r * width, width)) next += value;
            sums.Own.Span[r] = own;
            sums.Next.Span[r] = next;
        }
        return sums;
    }

    /// <summary>Each element of <paramref name="perRow"/> repeated <paramref name="width"/> times, a [rows, width] share.</summary>
    public static AShare Broadcast(AShare perRow, int width)
    {
        var broadcast = new AShare(perRow.Length * width);
        for (var r = 0; r < perRow.Length; r++)
        {
            broadcast.Own.Slice(r * width, width).Fill(perRow.Own.Span[r]);
            broadcast.Next.Slice(r * width, width).Fill(perRow.Next.Span[r]);
        }
        return broadcast;
    }
}
