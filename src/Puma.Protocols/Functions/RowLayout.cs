using Puma.Protocols.Core;
using Puma.Simd;

namespace Puma.Protocols.Functions;

/// <summary>Local reshaping of row-major n×L shares: row sums, per-row subtraction, per-column tiling.</summary>
internal static class RowLayout
{
    public static void RowSums(AShare x, int columns, AShare sums)
    {
        RowSums(x.Own.Span, columns, sums.Own.Span);
        RowSums(x.Next.Span, columns, sums.Next.Span);
    }

    public static void RowSums(ReadOnlySpan<ulong> x, int columns, Span<ulong> sums)
    {
        for (int r = 0; r < sums.Length; r++)
        {
            ulong sum = 0;
            foreach (var v in x.Slice(r * columns, columns)) sum += v;
            sums[r] = sum;
        }
    }

    /// <summary>Row r of <paramref name="x"/> minus element r of <paramref name="perRow"/>, in one pass (no broadcast copy).</summary>
    public static void SubtractRows(AShare x, AShare perRow, int columns, AShare destination)
    {
        for (int r = 0; r < perRow.Length; r++)
        {
            Ring.Subtract(x.Own.Slice(r * columns, columns), perRow.Own.Span[r], destination.Own.Slice(r * columns, columns));
            Ring.Subtract(x.Next.Slice(r * columns, columns), perRow.Next.Span[r], destination.Next.Slice(r * columns, columns));
        }
    }

    /// <summary><paramref name="row"/> repeated for every row.</summary>
    public static void Tile(AShare row, AShare destination)
    {
        for (int start = 0; start < destination.Length; start += row.Length)
        {
            row.Own.Span.CopyTo(destination.Own.Slice(start, row.Length));
            row.Next.Span.CopyTo(destination.Next.Slice(start, row.Length));
        }
    }
}
