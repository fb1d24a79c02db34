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
    public static ProtocolCost Cost(int length, int thresholds) => MulAA.Cost(length);

    public static IEnumerable<Step> Steps(PartyContext context, AShare indicators, IReadOnlyList<AShare?> segments, AShare y)
    {
        int n = y.Length, k = segments.Count - 1;
        if (indicators.Length != n * k) throw new ArgumentException($"{k} thresholds of {n} elements need {n * k} indicators.", nameof(indicators));
        var products = context.Buffers.RentArithmetic(n);
        try
        {
            LocalSumOfProducts(context, indicators, segments, products.Own);
            context.Net.Send(Peer.Prev, products.Own);
            context.Net.Receive(Peer.Next, products.Next);
            yield return Step.Exchange;
            if (segments[0] is { } start) LinearA.Add(products, start, y);
            else
            {
                products.Own.Span.CopyTo(y.Own.Span);
                products.Next.Span.CopyTo(y.Next.Span);
            }
        }
        finally
        {
            context.Buffers.Return(products);
        }
    }

    /// <summary>
    /// This party's masked 3-out-of-3 share of Σ_j b_j·(p_{j+1} − p_j), block by block: the jumps are
    /// formed in L1 scratch, so no k·n temporary is written.
    /// </summary>
    [SkipLocalsInit]
    private static void LocalSumOfProducts(PartyContext context, AShare indicators, IReadOnlyList<AShare?> segments, NativeArray destination)
    {
        int n = destination.Length, k = segments.Count - 1;
        context.Randomness.ZeroShare(destination.Span);
        Span<ulong> scratch = stackalloc ulong[3 * Block.Length];
        for (int start = 0; start < n; start += Block.Length)
        {
            int length = Block.LengthAt(start, n);
            var z = destination.Slice(start, length);
            Span<ulong> jumpOwn = scratch.Slice(0, length), jumpNext = scratch.Slice(Block.Length, length), jumpSum = scratch.Slice(2 * Block.Length, length);
            for (int j = 0; j < k; j++)
            {
                if (!Jump(segments[j], segments[j + 1], start, jumpOwn, jumpNext)) continue;
                var bitOwn = indicators.Own.Slice(j * n + start, length);
                var bitNext = indicators.Next.Slice(j * n + start, length);
                // b_i·(J_i + J_{i+1}) + b_{i+1}·J_i, as in MulAA.
                Ring.Add(jumpOwn, jumpNext, jumpSum);
                Ring.MultiplyAdd(bitOwn, jumpSum, z, z);
                Ring.MultiplyAdd(bitNext, jumpOwn, z, z);
            }
        }
    }

    /// <summary>upper − lower of the block at <paramref name="start"/>, either possibly an exact 0 (null); false when both are.</summary>
    private static bool Jump(AShare? lower, AShare? upper, int start, Span<ulong> own, Span<ulong> next)
    {
        int length = own.Length;
        if (upper is null && lower is null) return false;
        if (lower is null)
        {
            upper!.Own.Slice(start, length).CopyTo(own);
            upper.Next.Slice(start, length).CopyTo(next);
        }
        else if (upper is null)
        {
            Ring.Negate(lower.Own.Slice(start, length), own);
            Ring.Negate(lower.Next.Slice(start, length), next);
        }
        else
        {
            Ring.Subtract(upper.Own.Slice(start, length), lower.Own.Slice(start, length), own);
            Ring.Subtract(upper.Next.Slice(start, length), lower.Next.Slice(start, length), next);
        }
        return true;
    }
}
