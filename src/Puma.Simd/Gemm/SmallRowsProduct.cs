using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Puma.Simd;

/// <summary>
/// C (+)= op(A)·op(B) when op(A) has only a few rows (<see cref="Handles"/>): a decoded token's
/// projections, a language-model head, an attention row. The blocked driver packs B and sweeps
/// register tiles of several rows, so with one row it packs all of B to use a fraction of each
/// tile: 20–40× slower than streaming B once. Here B is read once, in place: with B stored k×n,
/// each row of B is scaled into the rows of C (a column block of C at a time, kept in L1); with B
/// stored n×k (transposed), each element of C is a dot product of two contiguous rows.
/// </summary>
internal static unsafe class SmallRowsProduct
{
    /// <summary>
    /// Whether streaming B beats the blocked driver for <paramref name="rows"/> rows of op(A). CPU
    /// time per product of 768×50257 on this Xeon (AVX-512), driver → streamed: with B transposed
    /// 1 row 56 → 12 ms, 2 rows 58 → 19 ms, 4 rows 56 → 37 ms, and for LLaMA-7B's 8-token prompt
    /// against its fused QKV weight (8×4096×12288) 130 → 78 ms, where packing the weight costs as
    /// much as multiplying it; at 16 rows they are even. With B as stored 1 row 70 → 38 ms, 2 rows
    /// 76 → 48 ms, but 4 rows 65 → 82 ms, since each row of C then re-reads B's block.
    /// </summary>
    public static bool Handles(int rows, bool transposeB) => rows <= (transposeB ? 8 : 2);

    /// <summary>Columns of C per block when B is k×n: those rows of C stay in L1 while B's rows stream by.</summary>
    private const int ColumnBlock = 512;

    public static void Run(ulong* a, ulong* b, ulong* c, int m, int k, int n, bool transposeA, bool transposeB, bool accumulate, int workers)
    {
        if (!accumulate) new Span<ulong>(c, m * n).Clear();
        if (k == 0 || m == 0 || n == 0) return;
        // op(A) as dense rows: a transposed A is gathered (m·k elements, small by definition).
        ulong[]? gathered = null;
        if (transposeA && m > 1)
        {
            gathered = GC.AllocateUninitializedArray<ulong>(m * k, pinned: true);
            for (int i = 0; i < m; i++)
                for (int p = 0; p < k; p++) gathered[i * k + p] = a[(nint)p * m + i];
            a = (ulong*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(gathered));
        }
        var product = new Product(a, b, c, m, k, n, transposeB);
        int units = (n + ColumnBlock - 1) / ColumnBlock;
        workers = Math.Clamp(workers, 1, units);
        if (workers == 1)
        {
            product.Columns(0, n);
        }
        else
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
                product.Columns((int)((long)units * worker / workers) * ColumnBlock, Math.Min(n, (int)((long)units * (worker + 1) / workers) * ColumnBlock)));
        }
        GC.KeepAlive(gathered);
    }

    /// <summary>Row-major op(A) (m×k), B as stored, C (m×n): a struct of pointers that worker lambdas capture.</summary>
    private readonly struct Product(ulong* a, ulong* b, ulong* c, int m, int k, int n, bool transposeB)
    {
        public void Columns(int start, int end)
        {
            if (transposeB) DotProducts(start, end);
            else ScaledRows(start, end);
        }

        /// <summary>B stored n×k: C[i, j] += A_i · B_j for each column j in [start, end).</summary>
        private void DotProducts(int start, int end)
        {
            for (int j = start; j < end; j++)
            {
                var column = new ReadOnlySpan<ulong>(b + (nint)j * k, k);
                for (int i = 0; i < m; i++)
                    c[(nint)i * n + j] += Dot(new ReadOnlySpan<ulong>(a + (nint)i * k, k), column);
            }
        }

        /// <summary>B stored k×n: for each column block, C[i, block] += Σ_p A[i, p] · B[p, block].</summary>
        private void ScaledRows(int start, int end)
        {
            for (int block = start; block < end; block += ColumnBlock)
            {
                int width = Math.Min(ColumnBlock, end - block);
                for (int p = 0; p < k; p++)
                {
                    var row = new ReadOnlySpan<ulong>(b + (nint)p * n + block, width);
                    for (int i = 0; i < m; i++)
                        AddScaled(row, a[(nint)i * k + p], new Span<ulong>(c + (nint)i * n + block, width));
                }
            }
        }
    }

    /// <summary>Σ x[t]·y[t] mod 2^64, four vector accumulators deep to hide the multiply's latency.</summary>
    private static ulong Dot(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y)
    {
        int t = 0;
        ulong sum = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<ulong>.Count;
            ref ulong xs = ref MemoryMarshal.GetReference(x);
            ref ulong ys = ref MemoryMarshal.GetReference(y);
            Vector<ulong> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; t <= x.Length - 4 * width; t += 4 * width)
            {
                s0 += Vector.LoadUnsafe(ref xs, (nuint)t) * Vector.LoadUnsafe(ref ys, (nuint)t);
                s1 += Vector.LoadUnsafe(ref xs, (nuint)(t + width)) * Vector.LoadUnsafe(ref ys, (nuint)(t + width));
                s2 += Vector.LoadUnsafe(ref xs, (nuint)(t + 2 * width)) * Vector.LoadUnsafe(ref ys, (nuint)(t + 2 * width));
                s3 += Vector.LoadUnsafe(ref xs, (nuint)(t + 3 * width)) * Vector.LoadUnsafe(ref ys, (nuint)(t + 3 * width));
            }
            for (; t <= x.Length - width; t += width) s0 += Vector.LoadUnsafe(ref xs, (nuint)t) * Vector.LoadUnsafe(ref ys, (nuint)t);
            sum = Vector.Sum(s0 + s1 + s2 + s3);
        }
        for (; t < x.Length; t++) sum += x[t] * y[t];
        return sum;
    }

    /// <summary>destination += x · scale, element by element mod 2^64.</summary>
    private static void AddScaled(ReadOnlySpan<ulong> x, ulong scale, Span<ulong> destination)
    {
        int t = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<ulong>.Count;
            var factor = new Vector<ulong>(scale);
            ref ulong xs = ref MemoryMarshal.GetReference(x);
            ref ulong ds = ref MemoryMarshal.GetReference(destination);
            for (; t <= x.Length - width; t += width)
                (Vector.LoadUnsafe(ref ds, (nuint)t) + Vector.LoadUnsafe(ref xs, (nuint)t) * factor).StoreUnsafe(ref ds, (nuint)t);
        }
        for (; t < x.Length; t++) destination[t] += x[t] * scale;
    }
}
