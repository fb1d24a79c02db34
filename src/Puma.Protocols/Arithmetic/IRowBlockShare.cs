namespace Puma.Protocols.Arithmetic;

/// <summary>
/// The right operand W of a product x·Wᵀ, W stored [<see cref="Rows"/>, <see cref="Columns"/>] (a
/// projection's [output, input]), whose two replicated components are read a block of rows at a
/// time. They need not exist whole in memory: a party may regenerate its seed components from their
/// PRG streams, or read its stored one from a mapped file, as the product reaches each block, so a
/// weight larger than the cache is never written out and read back.
/// </summary>
public interface IRowBlockShare
{
    int Rows { get; }

    int Columns { get; }

    /// <summary>
    /// Rows [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) of this
    /// party's own component (<paramref name="next"/> false) or next component, row-major: a view of
    /// memory that holds them, or <paramref name="scratch"/> (count × Columns elements) filled.
    /// </summary>
    ReadOnlySpan<ulong> Read(bool next, int first, int count, Span<ulong> scratch);
}
