using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Functions;

/// <summary>
/// Row-scaled fixed-point product: z[r, j] = (x[r, j]·s[r]) &gt;&gt; bits for an n×L share x and a
/// share s of n row scales (softmax's e·(1/Σe), LayerNorm's c·(1/σ)). The local product takes the
/// components of s[r] as scalars across row r, so s is never broadcast to n×L; it is unmasked, as
/// <see cref="Truncation"/> masks what it forwards. Exact up to 1 ulp while |x·s| &lt; 2^62.
/// Cost: as <see cref="MulTruncAA"/> of n×L elements: 2 rounds, 8/3 elements per party per element.
/// </summary>
public static class RowScaleTruncAA
{
    public static ProtocolCost Cost(int length) => MulTruncAA.Cost(length);

    public static AShare RowScaleTrunc(PartyContext context, AShare x, AShare scales, int columns)
    {
        using var _ = context.Scope("row_scale_trunc");
        var z = AShare.Uninitialized(x.Length);
        context.Run(Steps(context, x, scales, columns, context.Config.FractionalBits, z));
        return z;
    }

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare scales, int columns, int bits, AShare z)
    {
        if (x.Length != (long)scales.Length * columns) throw new ArgumentException($"{x.Length} elements are not {scales.Length} rows of {columns}.", nameof(x));
        var part = NativeArray.Uninitialized(x.Length);
        try
        {
            LocalProduct(x, scales, columns, part);
            foreach (var step in Truncation.Steps(context, part, dealerContributes: true, bits, z)) yield return step;
        }
        finally
        {
            part.Dispose();
        }
    }

    /// <summary>x_i·(s_i + s_{i+1}) + x_{i+1}·s_i (see <see cref="MulAA.LocalProduct"/>), row by row with scalar s components.</summary>
    private static void LocalProduct(AShare x, AShare scales, int columns, NativeArray part)
    {
        for (int r = 0; r < scales.Length; r++)
        {
            ulong own = scales.Own.Span[r], sum = own + scales.Next.Span[r];
            var row = part.Slice(r * columns, columns);
            Ring.Multiply(x.Own.Slice(r * columns, columns), sum, row);
            Ring.MultiplyAdd(x.Next.Slice(r * columns, columns), own, row, row);
        }
    }
}
