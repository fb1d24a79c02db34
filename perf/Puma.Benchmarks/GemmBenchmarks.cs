using BenchmarkDotNet.Attributes;
using Puma.Simd;

namespace Puma.Benchmarks;

/// <summary>
/// Transformer-shaped Z_2^64 products (sequence 128, hidden 768: the attention projections and the
/// feed-forward up-projection) on 1 and 2 threads, with each candidate micro-kernel side by side.
/// Throughput in G multiply-adds/s is m·k·n / median seconds: 75.5 M for n = 768, 302 M for
/// n = 3072. Run: <c>dotnet run -c Release --project perf/Puma.Benchmarks -- --filter '*Gemm*'</c>.
/// In-process, so the run does not rebuild the project on a machine shared with other builds.
/// </summary>
[InProcess]
[WarmupCount(3)]
[IterationCount(15)]
public class GemmBenchmarks : IDisposable
{
    private const int Rows = 128;
    private const int Depth = 768;

    private NativeArray _a = null!;
    private NativeArray _b = null!;
    private NativeArray _c = null!;

    /// <summary>n: 768 (Q/K/V/output projections) or 3072 (feed-forward up-projection).</summary>
    [Params(768, 3072)]
    public int Columns { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Micro-kernel candidates (names of the internal GemmKernel values).</summary>
    [Params("Avx512MultiplyLow", "Avx512Split", "Avx2Split")]
    public string Kernel { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _a = Fill(random, Rows * Depth);
        _b = Fill(random, Depth * Columns);
        _c = new NativeArray(Rows * Columns);
    }

    [Benchmark]
    public void Multiply() =>
        Gemm.Multiply(_a.Span, _b.Span, _c.Span, Rows, Depth, Columns, false, false, false, Threads, Enum.Parse<GemmKernel>(Kernel));

    [GlobalCleanup]
    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _c.Dispose();
        GC.SuppressFinalize(this);
    }

    private static NativeArray Fill(Random random, int length)
    {
        var array = new NativeArray(length);
        random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(array.Span));
        return array;
    }
}
