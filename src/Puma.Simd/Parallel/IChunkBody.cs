namespace Puma.Simd;

/// <summary>
/// The work of one contiguous range of elements, run by <see cref="ParallelChunks.For{TBody}"/>
/// on whichever thread takes the range. A struct, so a call allocates no closure; it holds
/// pointers or native arrays (spans cannot cross threads), valid until <c>For</c> returns.
/// </summary>
public interface IChunkBody
{
    /// <summary>Processes elements [start, start + length); ranges of one call never overlap.</summary>
    void Run(int start, int length);
}
