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

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare y, MatMulShape shape, int bits, AShare z)
    {
        var product = NativeArray.Uninitialized(shape.OutputLength);
        try
        {
            MatMulAA.LocalProduct(context, x, y, shape, product, masked: false);
            foreach (var step in Truncation.Steps(context, product, dealerContributes: true, bits, z)) yield return step;
        }
        finally
        {
            product.Dispose();
        }
    }
}
