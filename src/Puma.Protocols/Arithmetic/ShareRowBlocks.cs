using Puma.Protocols.Core;

namespace Puma.Protocols.Arithmetic;

/// <summary>A share already in memory read as row blocks: each block is a view, nothing is copied.</summary>
public sealed class ShareRowBlocks : IRowBlockShare
{
    private readonly AShare _share;

    public ShareRowBlocks(AShare share, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(share);
        if ((long)rows * columns != share.Length)
            throw new ArgumentException($"A share of {share.Length} elements is not [{rows}, {columns}].", nameof(share));
        (_share, Rows, Columns) = (share, rows, columns);
    }

    public int Rows { get; }

    public int Columns { get; }

    public ReadOnlySpan<ulong> Read(bool next, int first, int count, Span<ulong> scratch)
        => (next ? _share.Next : _share.Own).Slice(first * Columns, count * Columns);
}
