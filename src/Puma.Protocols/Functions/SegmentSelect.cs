using System.Runtime.CompilerServices;
using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Functions;

/// <summary>
/// The last round of a piecewise function: given the k arithmetic indicators b_j = [x ≥ t_j]
/// (threshold j of element i at j·n + i) and the k + 1 segment values p_0..p_k, writes
/// y = p_0 + Σ_j b_j·(p_{j+1} − p_j). The sum of products is one product's cost: each party adds
/// its local (3-out-of-3) shares of all k products and one zero share and reshares once, so k
/// thresholds cost what one does. Exact (b is 0/1, no truncation), so whatever a segment yields
/// outside its own interval cancels or is multiplied by an exact 0. A null segment is exactly 0
/// (no buffer to clear or read).
/// Cost: 1 round, <see cref="MulAA"/> on n elements whatever k.
/// </summary>
internal static class SegmentSelect
{
    public static ProtocolCost Cost(int length) => MulAA.Cost(length);

    /// <summary>The protocol as a coroutine writing into <paramref name="y"/> (distinct from the indicators and segments).</summary>
    public static IEnumerable<Step> Steps(PartyContext context, AShare indicators, IReadOnlyList<AShare?> segments, AShare y)
    {
        int n = y.Length, k = segments.Count - 1;
        if (indicators.Length != n * k) throw new ArgumentException($"{k} thresholds of {n} elements need {n * k} indicators.", nameof(indicators));
        LocalSumOfProducts(context, indicators, segments, y.Own);
        context.Net.Send(Peer.Prev, y.Own);
        context.Net.Receive(Peer.Next, y.Next);
        yield return Step.Exchange;
        if (segments[0] is { } start) LinearA.Add(y, start, y);
    }

    /// <summary>
    /// This party's masked 3-out-of-3 share of Σ_j b_j·(p_{j+1} − p_j), block by block: the zero
    /// share and the jumps are formed in L1 scratch, so no k·n temporary is written and memory sees
    /// only the operand reads and one write.
    /// </summary>
    [SkipLocalsInit]
    private static void LocalSumOfProducts(PartyContext context, AShare indicators, IReadOnlyList<AShare?> segments, NativeArray destination)
    {
        int n = destination.Length, k = segments.Count - 1;
        Span<ulong> scratch = stackalloc ulong[2 * Block.Length];
        for (int start = 0; start < n; start += Block.Length)
        {
            int length = Block.LengthAt(start, n);
            var z = destination.Slice(start, length);
            context.Randomness.ZeroShare(z);
            for (int j = 0; j < k; j++)
            {
                AShare? lower = segments[j], upper = segments[j + 1];
                if (lower is null && upper is null) continue;
                var jumpSum = scratch.Slice(Block.Length, length);
                var jumpOwn = Jump(lower, upper, start, scratch.Slice(0, length), jumpSum);
                // b_i·(J_i + J_{i+1}) + b_{i+1}·J_i, as in MulAA.
                Ring.MultiplyAdd(indicators.Own.Slice(j * n + start, length), jumpSum, z, z);
                Ring.MultiplyAdd(indicators.Next.Slice(j * n + start, length), jumpOwn, z, z);
            }
        }
    }

    /// <summary>
    /// The jump J = upper − lower on the block at <paramref name="start"/>, either segment possibly an
    /// exact 0 (null, not both): writes J_i + J_{i+1} into <paramref name="sum"/> and returns J_i,
    /// which with a null lower is the upper segment itself rather than a copy in <paramref name="own"/>.
    /// </summary>
    private static ReadOnlySpan<ulong> Jump(AShare? lower, AShare? upper, int start, Span<ulong> own, Span<ulong> sum)
    {
        int length = own.Length;
        if (lower is null)
        {
            var upperOwn = upper!.Own.Slice(start, length);
            Ring.Add(upperOwn, upper.Next.Slice(start, length), sum);
            return upperOwn;
        }
        var lowerOwn = lower.Own.Slice(start, length);
        var lowerNext = lower.Next.Slice(start, length);
        if (upper is null)
        {
            Ring.Negate(lowerOwn, own);
            Ring.Subtract(own, lowerNext, sum);
            return own;
        }
        Ring.Subtract(upper.Own.Slice(start, length), lowerOwn, own);
        Ring.Subtract(upper.Next.Slice(start, length), lowerNext, sum);
        Ring.Add(own, sum, sum);
        return own;
    }
}
