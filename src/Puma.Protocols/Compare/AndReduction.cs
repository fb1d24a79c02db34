using Puma.Protocols.Boolean;
using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Compare;

/// <summary>
/// AND of each of several segments of bits (boolean shares, bit 0 of each word; segments stored
/// one after another), all segments in the same rounds: each round ANDs neighbouring pairs within
/// every segment (an odd last bit waits), all pairs packed 64 to a word in one AND, the
/// segments compacted in place in a pooled buffer between rounds.
/// A segment of c bits needs ⌈log2 c⌉ rounds.
/// </summary>
internal static class AndReduction
{
    public static int Rounds(int maxCount) => maxCount <= 1 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(maxCount - 1));

    public static ProtocolCost Cost(IReadOnlyList<int> counts, int rounds)
    {
        var current = counts.ToArray();
        var cost = new ProtocolCost(0, 0);
        for (int round = 0; round < rounds; round++)
        {
            cost = cost.Then(PackedAnd.Cost(current.Sum(c => c / 2), 1));
            for (int s = 0; s < current.Length; s++) current[s] = (current[s] + 1) / 2;
        }
        return cost;
    }

    /// <summary>Runs exactly <paramref name="rounds"/> rounds (enough for the longest segment) and writes one bit per segment.</summary>
    public static IEnumerable<Step> Steps(PartyContext context, BShare bits, IReadOnlyList<int> counts, int rounds, BShare destination)
    {
        if (counts.Any(c => c < 1) || Rounds(counts.DefaultIfEmpty(1).Max()) > rounds)
            throw new ArgumentException("Every segment needs at least one bit and at most 2^rounds.", nameof(counts));
        var current = counts.ToArray();
        var pool = context.Buffers;
        var state = pool.RentBoolean(bits.Length);
        try
        {
            bits.Own.Span.CopyTo(state.Own.Span);
            bits.Next.Span.CopyTo(state.Next.Span);
            for (int round = 0; round < rounds; round++)
            {
                int words = BitPacking.PackedLength(current.Sum(c => c / 2), 1);
                var left = pool.RentBoolean(words);
                var right = pool.RentBoolean(words);
                var product = pool.RentBoolean(words);
                try
                {
                    Split(state.Own.Span, current, left.Own.Span, right.Own.Span);
                    Split(state.Next.Span, current, left.Next.Span, right.Next.Span);
                    foreach (var step in AndBB.Steps(context, left, right, product)) yield return step;
                    Merge(state.Own.Span, current, product.Own.Span);
                    Merge(state.Next.Span, current, product.Next.Span);
                }
                finally
                {
                    pool.Return(left);
                    pool.Return(right);
                    pool.Return(product);
                }
                for (int s = 0; s < current.Length; s++) current[s] = (current[s] + 1) / 2;
            }
            state.Own.Span[..destination.Length].CopyTo(destination.Own.Span);
            state.Next.Span[..destination.Length].CopyTo(destination.Next.Span);
        }
        finally
        {
            pool.Return(state);
        }
    }

    /// <summary>The neighbouring pairs of every segment, packed 64 to a word: left the first of each pair, right the second.</summary>
    private static void Split(ReadOnlySpan<ulong> state, int[] counts, Span<ulong> left, Span<ulong> right)
    {
        left.Clear();
        right.Clear();
        int read = 0, pair = 0;
        foreach (int count in counts)
        {
            for (int p = 0; p < count / 2; p++, pair++)
            {
                left[pair >> 6] |= (state[read + 2 * p] & 1) << (pair & 63);
                right[pair >> 6] |= (state[read + 2 * p + 1] & 1) << (pair & 63);
            }
            read += count;
        }
    }

    /// <summary>In place (writes never pass reads): each segment becomes its pair products followed by its odd last bit.</summary>
    private static void Merge(Span<ulong> state, int[] counts, ReadOnlySpan<ulong> products)
    {
        int read = 0, pair = 0, write = 0;
        foreach (int count in counts)
        {
            for (int p = 0; p < count / 2; p++, pair++, write++) state[write] = (products[pair >> 6] >> (pair & 63)) & 1;
            if (count % 2 == 1) state[write++] = state[read + count - 1];
            read += count;
        }
    }
}
