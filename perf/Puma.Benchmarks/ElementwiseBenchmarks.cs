using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Puma.Simd;

namespace Puma.Benchmarks;

/// <summary>
/// Ring Add and Multiply on 64-byte-aligned native buffers, one job per ISA path, so the numbers
/// show what each vector width buys. Times are per call over <see cref="Length"/> elements, so
/// elements/s = Length / mean. At 1M elements three buffers (24 MiB) exceed L2 and the kernels are
/// memory-bound; the 16K size (384 KiB) stays in L2 and shows compute throughput.
/// </summary>
[Config(typeof(IsaJobs))]
[MedianColumn]
public class ElementwiseBenchmarks
{
    private NativeArray _x = null!;
    private NativeArray _y = null!;
    private NativeArray _destination = null!;

    [Params(16_384, 1_048_576)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _x = new NativeArray(Length);
        _y = new NativeArray(Length);
        _destination = new NativeArray(Length);
        for (int i = 0; i < Length; i++)
        {
            _x.Span[i] = (ulong)random.NextInt64();
            _y.Span[i] = (ulong)random.NextInt64();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _x.Dispose();
        _y.Dispose();
        _destination.Dispose();
    }

    [Benchmark]
    public void Add() => Ring.Add(_x.Span, _y.Span, _destination.Span);

    [Benchmark]
    public void Multiply() => Ring.Multiply(_x.Span, _y.Span, _destination.Span);

    /// <summary>
    /// Short jobs for the runtime's default (256-bit on Cascade Lake), forced 512-bit, AVX2-only and
    /// scalar; a generous build timeout because the generated project builds on a shared machine.
    /// </summary>
    private sealed class IsaJobs : ManualConfig
    {
        public IsaJobs()
        {
            AddJob(Job.ShortRun.WithId("Default256"));
            AddJob(Job.ShortRun.WithEnvironmentVariable("DOTNET_PreferredVectorBitWidth", "512").WithId("Avx512"));
            AddJob(Job.ShortRun.WithEnvironmentVariable("DOTNET_EnableAVX512", "0").WithId("Avx2"));
            AddJob(Job.ShortRun.WithEnvironmentVariable("DOTNET_EnableHWIntrinsic", "0").WithId("Scalar"));
            WithBuildTimeout(TimeSpan.FromMinutes(10));
        }
    }
}
