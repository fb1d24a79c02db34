namespace Puma.Simd;

/// <summary>
/// Matrix product over Z_2^64 on row-major matrices: <c>C (+)= op(A)·op(B)</c> where op(A) is
/// m×k and op(B) is k×n. With <c>transposeA</c>, A is stored k×m; with <c>transposeB</c>, B is
/// stored n×k. With <c>accumulate</c> the product is added to C instead of overwriting it.
/// C must not overlap A or B. Exact modular arithmetic, so every ISA path gives identical bits.
/// </summary>
/// <remarks>
/// Operands are packed into aligned panels (which also absorbs the transposes) and multiplied by
/// a register-tiled micro-kernel: AVX-512 (<c>vpmullq</c>), AVX2 (32×32-bit split with
/// <c>vpmuludq</c>/<c>vpmulld</c>) or scalar. Products of at least
/// <see cref="ParallelWorkPerThread"/> multiply-adds per extra thread are split over threads.
/// </remarks>
public static class Gemm
{
    /// <summary>
    /// Multiply-adds each thread must have before another one is used: about 50 µs of work, well
    /// above the cost of waking a thread-pool worker.
    /// </summary>
    internal const long ParallelWorkPerThread = 1L << 19;

    /// <summary>Runs on up to <see cref="Environment.ProcessorCount"/> threads.</summary>
    public static void Multiply(
        ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> c, int m, int k, int n,
        bool transposeA = false, bool transposeB = false, bool accumulate = false) =>
        Multiply(a, b, c, m, k, n, transposeA, transposeB, accumulate, maxDegreeOfParallelism: -1);

    /// <param name="maxDegreeOfParallelism">Most threads to use; -1 for
    /// <see cref="Environment.ProcessorCount"/>, 1 to stay on the calling thread.</param>
    public static void Multiply(
        ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> c, int m, int k, int n,
        bool transposeA, bool transposeB, bool accumulate, int maxDegreeOfParallelism) =>
        Multiply(a, b, c, m, k, n, transposeA, transposeB, accumulate, maxDegreeOfParallelism, BestKernel);

    /// <summary>The fastest micro-kernel the running CPU supports (measured in GemmBenchmarks).</summary>
    internal static GemmKernel BestKernel { get; } =
        Avx512MultiplyLowMicroKernel.IsSupported ? GemmKernel.Avx512MultiplyLow
        : Avx2SplitMicroKernel.IsSupported ? GemmKernel.Avx2Split
        : GemmKernel.Scalar;

    /// <summary>Whether <paramref name="kernel"/> can run on this CPU and runtime configuration.</summary>
    internal static bool IsSupported(GemmKernel kernel) => kernel switch
    {
        GemmKernel.Scalar => ScalarMicroKernel.IsSupported,
        GemmKernel.Avx2Split => Avx2SplitMicroKernel.IsSupported,
        GemmKernel.Avx512Split => Avx512SplitMicroKernel.IsSupported,
        GemmKernel.Avx512MultiplyLow => Avx512MultiplyLowMicroKernel.IsSupported,
        _ => false,
    };

    /// <summary>The product computed with a named micro-kernel.</summary>
    internal static unsafe void Multiply(
        ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> c, int m, int k, int n,
        bool transposeA, bool transposeB, bool accumulate, int maxDegreeOfParallelism, GemmKernel kernel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (maxDegreeOfParallelism is 0 or < -1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Must be -1 or positive.");
        if (a.Length != (long)m * k || b.Length != (long)k * n || c.Length != (long)m * n)
            throw new ArgumentException($"GEMM shapes do not match: A {a.Length}, B {b.Length}, C {c.Length} for m={m} k={k} n={n}.");
        if (!IsSupported(kernel))
            throw new PlatformNotSupportedException($"GEMM kernel {kernel} is not supported on this CPU.");

        int workers = WorkerCount((long)m * k * n, maxDegreeOfParallelism);
        fixed (ulong* pa = a, pb = b, pc = c)
        {
            // Naming another kernel (tests, benchmarks) always reaches its micro-kernel through the driver.
            if (kernel == BestKernel && SmallRowsProduct.Handles(m, transposeB))
            {
                SmallRowsProduct.Run(pa, pb, pc, m, k, n, transposeA, transposeB, accumulate, workers);
                return;
            }
            var operands = new GemmOperands(pa, pb, pc, m, k, n, transposeA, transposeB, accumulate);
            switch (kernel)
            {
                case GemmKernel.Avx512MultiplyLow: GemmDriver<Avx512MultiplyLowMicroKernel>.Run(operands, workers); break;
                case GemmKernel.Avx512Split: GemmDriver<Avx512SplitMicroKernel>.Run(operands, workers); break;
                case GemmKernel.Avx2Split: GemmDriver<Avx2SplitMicroKernel>.Run(operands, workers); break;
                default: GemmDriver<ScalarMicroKernel>.Run(operands, workers); break;
            }
        }
    }

    private static int WorkerCount(long multiplyAdds, int maxDegreeOfParallelism)
    {
        int limit = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        return (int)Math.Clamp(multiplyAdds / ParallelWorkPerThread, 1, limit);
    }
}
