namespace Puma.Cli.Benchmarks;

/// <summary>
/// One local kernel's speed: <see cref="PerSecond"/> counts <see cref="N"/>'s unit (multiply-adds
/// for GEMM, elements for elementwise kernels, bytes for the PRG) per second of median time.
/// </summary>
/// <param name="Threads">The most threads the kernel was allowed to use.</param>
internal sealed record KernelResult(string Name, long N, double Seconds, double PerSecond, string Unit, double? GbPerSecond = null, int? Threads = null);
