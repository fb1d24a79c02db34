using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Puma.Cli.Benchmarks;
using Puma.Cli.Output;
using Puma.Cli.Parsing;

namespace Puma.Cli.Commands;

/// <summary><c>puma bench kernels</c>: local kernel speed on this machine.</summary>
internal static class BenchKernelsCommand
{
    private static readonly OptionSpec Length = new("n", "elements of the elementwise multiply", "N", "1000000");
    private static readonly OptionSpec PrgMebibytes = new("prg-mib", "MiB of AES-CTR output per fill", "MIB", "16");

    public static CommandSpec Spec { get; } = new(
        "bench kernels",
        "local kernel speed: GEMM, elementwise multiply, AES-CTR",
        "Measures the local kernels: ring GEMM (multiply-adds/s), elementwise ring multiply (elements/s) and AES-CTR fill (bytes/s), each on one thread and on --threads threads (default: every core). Each figure is the median of --runs samples after a warm-up.",
        [SharedOptions.Json, SharedOptions.Runs, SharedOptions.Shapes, SharedOptions.Threads, Length, PrgMebibytes],
        Execute);

    private static int Execute(ParsedOptions options, TextWriter output, TextWriter error)
    {
        var sizes = new KernelSizes(
            SharedOptions.ReadShapes(options),
            options.Integer(Length.Name, 1, 1 << 27),
            options.Integer(PrgMebibytes.Name, 1, 1024) * (1 << 20));
        int runs = SharedOptions.ReadRuns(options);
        var results = KernelBenchmark.Run(sizes, runs, SharedOptions.ReadThreads(options, partiesInProcess: 1));
        if (options.Flag(SharedOptions.Json.Name))
        {
            Json.Write(output, results);
            return 0;
        }
        output.WriteLine($"Kernels: median of {runs} runs; {Environment.ProcessorCount} logical CPUs; {InstructionSets()}.");
        var table = new Table("kernel", ">n", ">median", ">per second", "unit");
        foreach (var r in results) table.Add(r.Name, r.N.ToString("N0"), Units.Seconds(r.Seconds), Units.Si(r.PerSecond), r.Unit);
        table.Write(output);
        return 0;
    }

    /// <summary>What the runtime lets the kernels use (DOTNET_EnableAVX512F=0 and friends change it).</summary>
    private static string InstructionSets()
    {
        string widest = Avx512F.IsSupported ? "AVX-512F" : Avx2.IsSupported ? "AVX2" : Vector128.IsHardwareAccelerated ? "128-bit SIMD" : "scalar only";
        string aes = System.Runtime.Intrinsics.X86.Aes.IsSupported ? ", AES-NI" : "";
        return $"{widest}{aes}; Vector512 accelerated: {(Vector512.IsHardwareAccelerated ? "yes" : "no")}";
    }
}
