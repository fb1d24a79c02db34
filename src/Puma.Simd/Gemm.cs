namespace Puma.Simd;

/// <summary>
/// Matrix product over Z_2^64 on row-major matrices: <c>C (+)= op(A)·op(B)</c> where op(A) is
/// m×k and op(B) is k×n. With <c>transposeA</c>, A is stored k×m; with <c>transposeB</c>, B is
/// stored n×k. With <c>accumulate</c> the product is added to C instead of overwriting it.
/// </summary>
public static class Gemm
{
    public static void Multiply(
        ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> c, int m, int k, int n,
        bool transposeA = false, bool transposeB = false, bool accumulate = false)
    {
        if (a.Length != (long)m * k || b.Length != (long)k * n || c.Length != (long)m * n)
            throw new ArgumentException($"GEMM shapes do not match: A {a.Length}, B {b.Length}, C {c.Length} for m={m} k={k} n={n}.");
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                ulong sum = accumulate ? c[i * n + j] : 0;
                for (int p = 0; p < k; p++)
                {
                    ulong av = transposeA ? a[p * m + i] : a[i * k + p];
                    ulong bv = transposeB ? b[j * k + p] : b[p * n + j];
                    sum += av * bv;
                }
                c[i * n + j] = sum;
            }
        }
    }
}
