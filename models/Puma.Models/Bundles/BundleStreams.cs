using System.Runtime.InteropServices;
using Puma.Simd;

namespace Puma.Models.Bundles;

/// <summary>
/// The seed components of a bundle: element e of component k is element e of the AES-CTR stream
/// keyed by k (block e/2), so any range, e.g. one tensor or one block of it, can be regenerated
/// on its own, from any element (a row block of a tensor may start on an odd one).
/// </summary>
internal static class BundleStreams
{
    public static void Fill(ReadOnlySpan<byte> seed, long elementOffset, Span<ulong> destination, int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elementOffset);
        using var prg = new AesCtrPrg(seed, counter: (ulong)elementOffset / 2);
        if (elementOffset % 2 != 0 && !destination.IsEmpty)
        {
            // An odd element is the second half of its block: draw the block, keep that half, go on from the next block.
            Span<ulong> pair = stackalloc ulong[2];
            prg.Fill(pair);
            destination[0] = pair[1];
            destination = destination[1..];
        }
        prg.Fill(destination, threads);
    }
}
