namespace Puma.Models.Secure;

/// <summary>
/// The heads of one attention: <see cref="Heads"/> query heads of <see cref="HeadSize"/> and
/// <see cref="KvHeads"/> key/value heads, each shared by <see cref="QueriesPerKvHead"/> consecutive
/// query heads (grouped-query attention, LLaMA); KvHeads = Heads is multi-head attention.
/// </summary>
internal readonly record struct AttentionHeads(int Heads, int KvHeads, int HeadSize)
{
    /// <summary>Multi-head attention: one key/value head per query head.</summary>
    public AttentionHeads(int heads, int headSize)
        : this(heads, heads, headSize)
    {
    }

    public int QueryWidth => Heads * HeadSize;

    public int KvWidth => KvHeads * HeadSize;

    public int QueriesPerKvHead => Heads / KvHeads;

    /// <summary>Columns of a stacked projection [queries | keys | values].</summary>
    public int ProjectionWidth => QueryWidth + 2 * KvWidth;
}
