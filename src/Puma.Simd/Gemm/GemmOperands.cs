namespace Puma.Simd;

/// <summary>
/// Pinned operands of one product with the transposes turned into strides, so that packing reads
/// element (i, p) of op(A) at <c>A + i·ARowStride + p·AColumnStride</c> and element (p, j) of
/// op(B) at <c>B + p·BRowStride + j·BColumnStride</c>; C is m×n row-major. A struct of pointers
/// so that worker lambdas can capture it while the caller keeps the spans pinned.
/// </summary>
internal readonly unsafe struct GemmOperands(
    ulong* a, ulong* b, ulong* c, int m, int k, int n, bool transposeA, bool transposeB, bool accumulate)
{
    public ulong* A { get; } = a;

    public nint ARowStride { get; } = transposeA ? 1 : k;

    public nint AColumnStride { get; } = transposeA ? m : 1;

    public ulong* B { get; } = b;

    public nint BRowStride { get; } = transposeB ? 1 : n;

    public nint BColumnStride { get; } = transposeB ? k : 1;

    public ulong* C { get; } = c;

    public int M { get; } = m;

    public int K { get; } = k;

    public int N { get; } = n;

    public bool Accumulate { get; } = accumulate;
}
