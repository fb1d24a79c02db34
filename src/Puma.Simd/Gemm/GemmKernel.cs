namespace Puma.Simd;

/// <summary>
/// The micro-kernels <see cref="Gemm"/> can run. It picks the fastest
/// supported one; tests and benchmarks name one explicitly to check and compare every path on a
/// single machine.
/// </summary>
internal enum GemmKernel
{
    /// <summary><see cref="ScalarMicroKernel"/>.</summary>
    Scalar,

    /// <summary><see cref="Avx2SplitMicroKernel"/>.</summary>
    Avx2Split,

    /// <summary><see cref="Avx512SplitMicroKernel"/>.</summary>
    Avx512Split,

    /// <summary><see cref="Avx512MultiplyLowMicroKernel"/>.</summary>
    Avx512MultiplyLow,
}
