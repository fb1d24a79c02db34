using System.Runtime.CompilerServices;

// The GEMM tests and benchmarks select each micro-kernel directly (GemmKernel) to prove every ISA
// path bit-identical on one machine and to compare the candidates side by side.
[assembly: InternalsVisibleTo("Puma.Simd.Tests")]
[assembly: InternalsVisibleTo("Puma.Benchmarks")]
