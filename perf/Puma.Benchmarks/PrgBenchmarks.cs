using System.Buffers.Binary;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using Puma.Simd;

namespace Puma.Benchmarks;

/// <summary>
/// AES-128-CTR keystream throughput on one core, per ISA setting: the default job runs the
/// AES-NI kernel; the DOTNET_EnableHWIntrinsic=0 job runs the BCL fallback. The baseline is the
/// straightforward BCL route — build counter blocks in a buffer, one ECB call — that the kernel
/// replaces. Destinations are 64-byte aligned native memory, as share buffers are.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class PrgBenchmarks
{
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            Job quick = Job.Default.WithWarmupCount(3).WithIterationCount(15);
            AddJob(quick.WithId("AesNi"));
            AddJob(quick.WithEnvironmentVariable("DOTNET_EnableHWIntrinsic", "0").WithId("NoHWIntrinsic"));
            AddColumn(new ThroughputColumn());
        }
    }

    private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");

    private NativeArray _destination = null!;
    private AesCtrPrg _prg = null!;
    private Aes _bclAes = null!;
    private byte[] _counterBlocks = null!;

    [Params(1 << 20, 16 << 20)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _destination = new NativeArray(Bytes / sizeof(ulong));
        _prg = new AesCtrPrg(Key);
        _bclAes = Aes.Create();
        _bclAes.Key = Key;
        _counterBlocks = new byte[Bytes];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _destination.Dispose();
        _prg.Dispose();
        _bclAes.Dispose();
    }

    [Benchmark]
    public void AesCtrPrgFill() => _prg.Fill(_destination.Span);

    [Benchmark(Baseline = true)]
    public void BclEcbOfCounterBuffer()
    {
        Span<byte> counters = _counterBlocks;
        for (int at = 0, j = 0; at < counters.Length; at += 16, j++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(counters[at..], (ulong)j);
            BinaryPrimitives.WriteUInt64LittleEndian(counters[(at + 8)..], 0);
        }
        _bclAes.EncryptEcb(counters, System.Runtime.InteropServices.MemoryMarshal.AsBytes(_destination.Span), PaddingMode.None);
    }
}
