using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Compare;

/// <summary>
/// AND of each of several segments of bits (boolean shares, bit 0 of each word; segments stored
/// one after another), all segments in the same rounds: each round ANDs neighbouring pairs within
/// every segment (an odd last bit waits), all pairs packed 64 to a word in one AND.
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
        var state = Copy(bits);
        try
        {
            for (int round = 0; round < rounds; round++)
            {
                int pairs = current.Sum(c => c / 2);
                using var left = new BShare(pairs);
                using var right = new BShare(pairs);
                using var product = new BShare(pairs);
                Split(state, current, left, right);
                foreach (var step in PackedAnd.Steps(context, left, right, 1, product)) yield return step;
                var merged = Merge(state, current, product);
                state.Dispose();
                state = merged;
                for (int s = 0; s < current.Length; s++) current[s] = (current[s] + 1) / 2;
            }
            state.Own.Span.CopyTo(destination.Own.Span);
            state.Next.Span.CopyTo(destination.Next.Span);
        }
        finally
        {
            state.Dispose();
        }
    }

    private static BShare Copy(BShare bits)
    {
        var copy = new BShare(bits.Length);
        bits.Own.Span.CopyTo(copy.Own.Span);
        bits.Next.Span.CopyTo(copy.Next.Span);
        return copy;
    }

    private static void Split(BShare state, int[] counts, BShare left, BShare right)
    {
        int read = 0, pair = 0;
        foreach (int count in counts)
        {
            for (int p = 0; p < count / 2; p++, pair++)
            {
                left.Own.Span[pair] = state.Own.Span[read + 2 * p];
                left.Next.Span[pair] = state.Next.Span[read + 2 * p];
                right.Own.Span[pair] = state.Own.Span[read + 2 * p + 1];
                right.Next.Span[pair] = state.Next.Span[read + 2 * p + 1];
            }
            read += count;
        }
    }

    /// <summary>Each segment becomes its pair products followed by its odd last bit.</summary>
    private static BShare Merge(BShare state, int[] counts, BShare products)
    {
        var merged = new BShare(counts.Sum(c => (c + 1) / 2));
        int read = 0, pair = 0, write = 0;
        foreach (int count in counts)
        {
            for (int p = 0; p < count / 2; p++, pair++, write++)
            {
                merged.Own.Span[write] = products.Own.Span[pair];
                merged.Next.Span[write] = products.Next.Span[pair];
            }
            if (count % 2 == 1)
            {
                merged.Own.Span[write] = state.Own.Span[read + count - 1];
                merged.Next.Span[write] = state.Next.Span[read + count - 1];
                write++;
            }
            read += count;
        }
        return merged;
    }
}
