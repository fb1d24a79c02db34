namespace Puma.Protocols.Core;

/// <summary>
/// The piece size of fused, cache-blocked loops: long vectors are processed one block at a time so
/// that every temporary (a PRG draw, a partial sum) stays in the L1 cache instead of streaming
/// through memory. Even, so that drawing a stream block by block consumes exactly the AES blocks
/// one fill of the whole vector would (a fill of n elements uses ceil(n/2) blocks): both holders of
/// a seed stay in lockstep whatever piece sizes each of them uses.
/// </summary>
internal static class Block
{
    /// <summary>Elements per block: 8 KiB, so two or three scratch blocks fit in L1 beside the operands.</summary>
    public const int Length = 1024;

    /// <summary>Length of the block that starts at <paramref name="start"/> in a vector of <paramref name="total"/> elements.</summary>
    public static int LengthAt(int start, int total) => Math.Min(Length, total - start);
}
