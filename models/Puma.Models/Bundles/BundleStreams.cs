using System.Runtime.InteropServices;
using Puma.Simd;

namespace Puma.Models.Bundles;

/// <summary>
/// The seed components of a bundle: element e of component k is element e of the AES-CTR stream
/// keyed by k (block e/2), so any range, e.g. one tensor or one block of it, can be regenerated
/// on its own. Offsets are even (tensors are 8-element aligned), so a range starts on a block.
/// </summary>
internal static class BundleStreams
{
    public static void Fill(ReadOnlySpan<byte> seed, long elementOffset, Span<ulong> destination, int threads = 1)
    {
        if (elementOffset % 2 != 0) throw new ArgumentException("A seed range must start on an even element.", nameof(elementOffset));
        using var prg = new AesCtrPrg(seed, counter: (ulong)elementOffset / 2);
        prg.Fill(destination, threads);
    }
}
