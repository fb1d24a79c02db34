using Puma.Protocols.Arithmetic;

namespace Puma.Models.Bundles;

/// <summary>
/// A bundle tensor read a block of rows at a time, never whole: each block of a seed component is
/// regenerated from its AES-CTR stream into the caller's scratch, each block of the file component
/// is a view of the mapped file.
/// </summary>
internal sealed class BundleRowBlocks(PartyBundle bundle, BundleTensor tensor, int rows, int columns) : IRowBlockShare
{
    public int Rows => rows;

    public int Columns => columns;

    public ReadOnlySpan<ulong> Read(bool next, int first, int count, Span<ulong> scratch)
    {
        if (first < 0 || count < 0 || first + count > rows) throw new ArgumentOutOfRangeException(nameof(count), $"Rows [{first}, {first + count}) are outside '{tensor.Name}' of {rows} rows.");
        return bundle.ReadElements(next, tensor, (long)first * columns, count * columns, scratch);
    }
}
