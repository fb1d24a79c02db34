using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Arithmetic;

/// <summary>
/// Fixed-point matrix product truncated by f, fused like <see cref="MulTruncAA"/>.
/// Cost: 2 rounds, 8/3 elements per party per output element.
/// </summary>
public static class MatMulTruncAA
{
    public static ProtocolCost Cost(MatMulShape shape) => new(2, (long)Truncation.FusedElementsPerElement * shape.OutputLength * sizeof(ulong));

    public static AShare MatMulTrunc(PartyContext context, AShare x, AShare y, MatMulShape shape)
    {
        using var _ = context.Scope("matmul_trunc");
        var z = AShare.Uninitialized(shape.OutputLength);
        context.Run(Steps(context, x, y, shape, context.Config.FractionalBits, z));
        return z;
    }

    /// <summary>
    /// x·Wᵀ truncated, for <paramref name="rows"/> rows x and W read a block of rows at a time
    /// (<see cref="IRowBlockShare"/>): the same messages and cost as the product on W's whole share
    /// with shape (rows, W.Columns, W.Rows, TransposeY: true).
    /// </summary>
    public static AShare MatMulTrunc(PartyContext context, AShare x, IRowBlockShare w, int rows)
    {
        using var _ = context.Scope("matmul_trunc");
        var z = AShare.Uninitialized(checked(rows * w.Rows));
        context.Run(Truncated(context, product => RowBlockProduct.LocalProduct(context, x, w, rows, product, masked: false), z.Length, context.Config.FractionalBits, z));
        return z;
    }

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare y, MatMulShape shape, int bits, AShare z)
        => Truncated(context, product => MatMulAA.LocalProduct(context, x, y, shape, product, masked: false), shape.OutputLength, bits, z);

    /// <summary>Runs <paramref name="localProduct"/> into an unmasked buffer, then truncates it into <paramref name="z"/>.</summary>
    private static IEnumerable<Step> Truncated(PartyContext context, Action<NativeArray> localProduct, int length, int bits, AShare z)
    {
        var product = NativeArray.Uninitialized(length);
        try
        {
            localProduct(product);
            foreach (var step in Truncation.Steps(context, product, dealerContributes: true, bits, z)) yield return step;
        }
        finally
        {
            product.Dispose();
        }
    }
}
