using Puma.Protocols.Arithmetic;
using Puma.Simd;

namespace Puma.Cli.Benchmarks;

/// <summary>
/// Speed of the local kernels every protocol is built from, on this machine and ISA path:
/// ring GEMM (the matrix products), elementwise ring multiply (the elementwise products) and
/// AES-CTR expansion (all correlated randomness). Each runs once on one thread and once on the
/// threads asked for, which shows what threading buys (and, at three parties per machine, what
/// it cannot: the parties already compete for the cores).
/// </summary>
internal static class KernelBenchmark
{
    public static IReadOnlyList<KernelResult> Run(KernelSizes sizes, int runs, int threads)
    {
        var threadCounts = new[] { 1, threads }.Distinct().ToArray();
        var results = sizes.GemmShapes.SelectMany(shape => threadCounts.Select(count => GemmResult(shape, count, runs))).ToList();
        results.AddRange(threadCounts.Select(count => ElementwiseMultiply(sizes.ElementwiseLength, count, runs)));
        results.AddRange(threadCounts.Select(count => AesCtrFill(sizes.PrgBytes, count, runs)));
        return results;
    }

    private static KernelResult GemmResult(MatMulShape shape, int threads, int runs)
    {
        using var a = RandomArray(shape.M * shape.K, seed: 1);
        using var b = RandomArray(shape.K * shape.N, seed: 2);
        using var c = new NativeArray(shape.OutputLength);
        double seconds = Sampler.MedianSeconds(
            () => Gemm.Multiply(a.Span, b.Span, c.Span, shape.M, shape.K, shape.N, transposeA: false, transposeB: false, accumulate: false, maxDegreeOfParallelism: threads),
            runs);
        long multiplyAdds = (long)shape.M * shape.K * shape.N;
        return new KernelResult($"gemm_{shape.M}x{shape.K}x{shape.N}_threads_{threads}", multiplyAdds, seconds, multiplyAdds / seconds, "multiply-adds/s", Threads: threads);
    }

    private static KernelResult ElementwiseMultiply(int length, int threads, int runs)
    {
        using var x = RandomArray(length, seed: 3);
        using var y = RandomArray(length, seed: 4);
        using var z = new NativeArray(length);
        double seconds = Sampler.MedianSeconds(() => Ring.Multiply(x.Span, y.Span, z.Span, threads), runs);
        return new KernelResult($"ring_mul_threads_{threads}", length, seconds, length / seconds, "elements/s", Threads: threads);
    }

    private static KernelResult AesCtrFill(int bytes, int threads, int runs)
    {
        using var prg = new AesCtrPrg(new byte[16]);
        using var buffer = new NativeArray(bytes / sizeof(ulong));
        double seconds = Sampler.MedianSeconds(() => prg.Fill(buffer.Span, threads), runs);
        double perSecond = bytes / seconds;
        return new KernelResult($"aes_ctr_fill_threads_{threads}", bytes, seconds, perSecond, "bytes/s", perSecond / 1e9, threads);
    }

    /// <summary>Uniform ring elements: multiplication cost must not depend on a lucky pattern.</summary>
    private static NativeArray RandomArray(int length, byte seed)
    {
        var array = new NativeArray(length);
        using var prg = new AesCtrPrg(Enumerable.Repeat(seed, 16).ToArray());
        prg.Fill(array.Span);
        return array;
    }
}
