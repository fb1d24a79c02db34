using Puma.Protocols.Core;
using Puma.Simd;

namespace Puma.Protocols.Arithmetic;

/// <summary>
/// This party's additive share of x·Wᵀ with W read a block of rows at a time
/// (<see cref="IRowBlockShare"/>): the terms of <see cref="MatMulAA.LocalProduct"/>,
/// (x_i + x_{i+1})·w_iᵀ + x_i·w_{i+1}ᵀ, one block of output columns after another. Each block of
/// both weight components is used while it is in cache, so a weight the party regenerates or maps
/// costs one pass of its stream and nothing whole in memory. Ring arithmetic is exact, so the result
/// is the same bits as the product on the whole share.
/// </summary>
internal static class RowBlockProduct
{
    /// <summary>Bytes of both components' blocks together: within a core's L2 cache (or <see cref="ProtocolConfig.ProductBlockBytes"/> if less).</summary>
    private const long CacheBytes = 1 << 20;

    public static void LocalProduct(PartyContext context, AShare x, IRowBlockShare w, int rows, NativeArray destination, bool masked)
    {
        int k = w.Columns, n = w.Rows, threads = context.Config.KernelThreads;
        if (x.Length != (long)rows * k || destination.Length != (long)rows * n)
            throw new ArgumentException($"A product of {rows} rows of {k} with W [{n}, {k}] does not fit operands of {x.Length} elements into {destination.Length}.");
        if (masked) context.Randomness.ZeroShare(destination.Span, threads);
        else destination.Span.Clear();
        long budget = Math.Min(CacheBytes, context.Config.ProductBlockBytes);
        int block = (int)Math.Clamp(budget / 2 / sizeof(ulong) / Math.Max(1, k), 1, Math.Max(1, n));
        using var xSum = NativeArray.Uninitialized(x.Length);
        using var ownBlock = NativeArray.Uninitialized(block * k);
        using var nextBlock = NativeArray.Uninitialized(block * k);
        using var partial = NativeArray.Uninitialized(rows * block);
        Ring.Add(x.Own.Span, x.Next.Span, xSum.Span, threads);
        for (int first = 0; first < n; first += block)
        {
            int count = Math.Min(block, n - first);
            var part = partial.Slice(0, rows * count);
            var own = w.Read(next: false, first, count, ownBlock.Slice(0, count * k));
            Gemm.Multiply(xSum.Span, own, part, rows, k, count, transposeA: false, transposeB: true, accumulate: false, threads);
            var next = w.Read(next: true, first, count, nextBlock.Slice(0, count * k));
            Gemm.Multiply(x.Own.Span, next, part, rows, k, count, transposeA: false, transposeB: true, accumulate: true, threads);
            for (int row = 0; row < rows; row++)
            {
                var columns = destination.Slice(row * n + first, count);
                Ring.Add(columns, part.Slice(row * count, count), columns);
            }
        }
    }
}
