using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Functions;

/// <summary>
/// Row-wise inner products truncated: z_r = (w·Σ_j a_rj·b_rj + c) &gt;&gt; bits for n×L shares a, b and
/// public integers w, c. Each party sums its local products over the row before the
/// truncation, so a row costs one element however long it is (LayerNorm's variance, RMSNorm's
/// mean square). Exact up to 1 ulp while the sum stays below 2^62.
/// Cost: <see cref="MulTruncAA"/> of n elements: 2 rounds, 8/3 elements per party per row.
/// </summary>
public static class RowDotTruncAA
{
    public static ProtocolCost Cost(int rows) => MulTruncAA.Cost(rows);

    public static IEnumerable<Step> Steps(PartyContext context, AShare a, AShare b, int columns, ulong weight, ulong constant, int bits, AShare z)
    {
        using var part = new NativeArray(z.Length);
        using (var products = new NativeArray(a.Length))
        {
            MulAA.LocalProduct(context, a, b, products, masked: false);
            RowLayout.RowSums(products.Span, columns, part.Span);
        }
        Ring.Multiply(part.Span, weight, part.Span);
        if (context.Id == 0) Ring.Add(part.Span, constant, part.Span);
        foreach (var step in Truncation.Steps(context, part, dealerContributes: true, bits, z)) yield return step;
    }
}
