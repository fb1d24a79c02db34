using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Arithmetic;

/// <summary>
/// Fixed-point product: x·y truncated by f, fused so that the local products feed the
/// truncation directly (no resharing round). Exact up to 1 ulp while |x·y| &lt; 2^62 before
/// truncation. Cost: 2 rounds, 8/3 elements per party per element (the dealer of each chunk
/// forwards its product share to A and B).
/// </summary>
public static class MulTruncAA
{
    public static ProtocolCost Cost(int length) => new(2, (long)Truncation.FusedElementsPerElement * length * sizeof(ulong));

    public static AShare MulTrunc(PartyContext context, AShare x, AShare y)
    {
        using var _ = context.Scope("mul_trunc");
        var z = AShare.Uninitialized(x.Length);
        context.Run(Steps(context, x, y, context.Config.FractionalBits, z));
        return z;
    }

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare y, int bits, AShare z)
    {
        var product = NativeArray.Uninitialized(x.Length);
        try
        {
            MulAA.LocalProduct(context, x, y, product, masked: false);
            foreach (var step in Truncation.Steps(context, product, dealerContributes: true, bits, z)) yield return step;
        }
        finally
        {
            product.Dispose();
        }
    }
}
