using Puma.Simd;

namespace Puma.Protocols.Arithmetic;

/// <summary>
/// Shape of a matrix product op(X)·op(Y) with op(X) m×k and op(Y) k×n, row-major; with
/// <see cref="TransposeX"/> X is stored k×m, with <see cref="TransposeY"/> Y is stored n×k
/// (attention's Q·Kᵀ).
/// </summary>
public readonly record struct MatMulShape(int M, int K, int N, bool TransposeX = false, bool TransposeY = false)
{
    public int OutputLength => checked(M * N);

    internal void Validate(int xLength, int yLength, int zLength)
    {
        if (xLength != (long)M * K || yLength != (long)K * N || zLength != (long)M * N)
            throw new ArgumentException($"Matrix product {M}×{K}·{K}×{N} does not fit operands of {xLength} and {yLength} elements into {zLength}.");
    }

    /// <summary>Adds op(x)·op(y) to <paramref name="accumulator"/> on at most <paramref name="threads"/> threads (-1: every core).</summary>
    internal void Multiply(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> accumulator, int threads)
        => Gemm.Multiply(x, y, accumulator, M, K, N, TransposeX, TransposeY, accumulate: true, maxDegreeOfParallelism: threads);
}
