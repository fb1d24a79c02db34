using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Functions;

/// <summary>
/// The last round of a piecewise function: given the k arithmetic indicators b_j = [x ≥ t_j]
/// (threshold j of element i at j·n + i) and the k + 1 segment values p_0..p_k, writes
/// y = p_0 + Σ_j b_j·(p_{j+1} − p_j) with one multiplication over all thresholds at once. Exact (b
/// is 0/1, no truncation), so whatever a segment yields outside its own interval cancels or is
/// multiplied by an exact 0. A null segment is exactly 0 (no buffer to clear or read).
/// Cost: 1 round, <see cref="MulAA"/> on k·n elements.
/// </summary>
internal static class SegmentSelect
{
    public static ProtocolCost Cost(int length, int thresholds) => MulAA.Cost(length * thresholds);

    public static IEnumerable<Step> Steps(PartyContext context, AShare indicators, IReadOnlyList<AShare?> segments, AShare y)
    {
        int n = y.Length, k = segments.Count - 1;
        if (indicators.Length != n * k) throw new ArgumentException($"{k} thresholds of {n} elements need {n * k} indicators.", nameof(indicators));
        var pool = context.Buffers;
        var jumps = pool.RentArithmetic(n * k);
        var selected = pool.RentArithmetic(n * k);
        try
        {
            for (int j = 0; j < k; j++) Jump(segments[j], segments[j + 1], jumps, j * n, n);
            foreach (var step in MulAA.Steps(context, indicators, jumps, selected)) yield return step;
            // With p_0 = 0 the sum starts from the first product instead of a cleared buffer.
            int first = segments[0] is null ? 1 : 0;
            var start = segments[0];
            (start is null ? selected.Own.Slice(0, n) : start.Own.Span).CopyTo(y.Own.Span);
            (start is null ? selected.Next.Slice(0, n) : start.Next.Span).CopyTo(y.Next.Span);
            for (int j = first; j < k; j++)
            {
                Ring.Add(y.Own.Span, selected.Own.Slice(j * n, n), y.Own.Span);
                Ring.Add(y.Next.Span, selected.Next.Slice(j * n, n), y.Next.Span);
            }
        }
        finally
        {
            pool.Return(jumps);
            pool.Return(selected);
        }
    }

    /// <summary>upper − lower into jumps[offset..offset + n], either of them possibly an exact 0 (null).</summary>
    private static void Jump(AShare? lower, AShare? upper, AShare jumps, int offset, int n)
    {
        Span<ulong> own = jumps.Own.Slice(offset, n), next = jumps.Next.Slice(offset, n);
        if (upper is null && lower is null)
        {
            own.Clear();
            next.Clear();
        }
        else if (lower is null)
        {
            upper!.Own.Span.CopyTo(own);
            upper.Next.Span.CopyTo(next);
        }
        else if (upper is null)
        {
            Ring.Negate(lower.Own.Span, own);
            Ring.Negate(lower.Next.Span, next);
        }
        else
        {
            Ring.Subtract(upper.Own.Span, lower.Own.Span, own);
            Ring.Subtract(upper.Next.Span, lower.Next.Span, next);
        }
    }
}
