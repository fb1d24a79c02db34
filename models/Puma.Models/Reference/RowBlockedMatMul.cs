using System.Numerics;

namespace Puma.Models.Reference;

/// <summary>
/// c[m,n] = a[m,k]·b[k,n] for the USE-Lite reference, b stored [in, out], with the arithmetic of
/// <see cref="PlainMath.MatMul"/> — each c[i,j] summed over k in order from 0, without fused
/// multiply-add — so the bits are the same on every ISA path. With SIMD it is that kernel.
/// Without SIMD (the scalar CI path) PlainMath walks b down its columns, a cache miss per
/// multiply at USE-Lite's widths; here the loops run i-k-j over blocks of <see cref="Rows"/> rows
/// and <see cref="Columns"/> columns, so every read of b is contiguous and feeds four rows
/// (measured 6× faster on a 53×512·512×1536 product).
/// </summary>
internal static class RowBlockedMatMul
{
    private const int Rows = 4;
    private const int Columns = 256;

    public static double[] Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int m, int k, int n)
    {
        if (Vector.IsHardwareAccelerated) return PlainMath.MatMul(a, b, m, k, n);
        if (a.Length != m * k || b.Length != k * n) throw new ArgumentException($"Operands of {a.Length} and {b.Length} values do not make {m}×{k}·{k}×{n}.");
        var c = new double[m * n];
        for (var j0 = 0; j0 < n; j0 += Columns)
        {
            var width = Math.Min(Columns, n - j0);
            for (var i0 = 0; i0 < m; i0 += Rows)
            {
                var rows = Math.Min(Rows, m - i0);
                for (var p = 0; p < k; p++)
                {
                    var bRow = b.Slice(p * n + j0, width);
                    for (var r = 0; r < rows; r++)
                    {
                        var cRow = c.AsSpan((i0 + r) * n + j0, width);
                        var s = a[(i0 + r) * k + p];
                        for (var j = 0; j < width; j++) cRow[j] += s * bRow[j];
                    }
                }
            }
        }
        return c;
    }
}
