using Puma.Protocols.Boolean;
using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Compare;

/// <summary>
/// AND of each member's bits, all members in the same rounds, on bit planes: plane p is a packed
/// vector over the members (bit m = member m's p-th bit; a member with fewer bits has public 1s
/// there), the planes one after another, <c>planeWords</c> words each. A round ANDs the first half
/// of the planes with the second half in one <see cref="AndBB"/> call on contiguous words (an odd
/// last plane waits), so no bit moves between rounds. c planes need ⌈log2 c⌉ rounds; plane 0 ends
/// as every member's AND.
/// </summary>
internal static class AndReduction
{
    public static int Rounds(int planes) => planes <= 1 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(planes - 1));

    public static ProtocolCost Cost(int planes, int planeWords)
    {
        var cost = new ProtocolCost(0, 0);
        for (int count = planes; count > 1; count = (count + 1) / 2) cost = cost.Then(AndBB.Cost(count / 2 * planeWords));
        return cost;
    }

    /// <summary>ANDs the planes in place (<paramref name="planes"/> holds planeCount·planeWords words); plane 0 is the result.</summary>
    public static IEnumerable<Step> Steps(PartyContext context, BShare planes, int planeCount, int planeWords)
    {
        if (planes.Length < planeCount * planeWords) throw new ArgumentException($"{planeCount} planes of {planeWords} words do not fit in {planes.Length}.", nameof(planes));
        for (int count = planeCount; count > 1; count = (count + 1) / 2)
        {
            int half = count / 2, words = half * planeWords;
            var left = BShare.Uninitialized(words);
            var right = BShare.Uninitialized(words);
            var product = BShare.Uninitialized(words);
            try
            {
                Halves(planes.Own, words, left.Own, right.Own);
                Halves(planes.Next, words, left.Next, right.Next);
                foreach (var step in AndBB.Steps(context, left, right, product)) yield return step;
                Merge(planes.Own, product.Own, count, planeWords);
                Merge(planes.Next, product.Next, count, planeWords);
            }
            finally
            {
                left.Dispose();
                right.Dispose();
                product.Dispose();
            }
        }
    }

    private static void Halves(Simd.NativeArray planes, int words, Simd.NativeArray left, Simd.NativeArray right)
    {
        planes.Slice(0, words).CopyTo(left.Span);
        planes.Slice(words, words).CopyTo(right.Span);
    }

    /// <summary>The products become the first planes; an odd last plane moves up behind them.</summary>
    private static void Merge(Simd.NativeArray planes, Simd.NativeArray product, int count, int planeWords)
    {
        int half = count / 2;
        product.Span.CopyTo(planes.Slice(0, half * planeWords));
        if (count % 2 == 1) planes.Slice((count - 1) * planeWords, planeWords).CopyTo(planes.Slice(half * planeWords, planeWords));
    }
}
