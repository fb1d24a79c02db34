using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Functions;

/// <summary>
/// Fused multiply-add-truncate: z = (x·y [+ u·v] + Σ w_k·t_k + c) &gt;&gt; bits for shares x, y, (u, v),
/// t_k and public integers w_k, c. The masked local product is an additive share of x·y (a second
/// product u·v adds its own to it: a sum of products costs one product); every party adds w_k
/// times its own component of t_k (an additive share of t_k) and P0 adds c, and the sum goes
/// straight into the truncation. So a polynomial's lower-degree terms, its constant and any public
/// power-of-two rescaling cost nothing beyond the one product.
/// Exact up to 1 ulp while the sum before truncation stays below 2^62 in magnitude.
/// Cost: as <see cref="MulTruncAA"/>, 2 rounds, 8/3 elements per party per element.
/// </summary>
public static class MulAddTruncAA
{
    public static ProtocolCost Cost(int length) => MulTruncAA.Cost(length);

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare y, IReadOnlyList<LinearTerm> terms, ulong constant, int bits, AShare z, (AShare U, AShare V)? secondProduct = null)
    {
        var pool = context.Buffers;
        var part = pool.Rent(x.Length);
        try
        {
            MulAA.LocalProduct(context, x, y, part);
            if (secondProduct is var (u, v))
            {
                var second = pool.Rent(x.Length);
                MulAA.LocalProduct(context, u, v, second);
                Ring.Add(part.Span, second.Span, part.Span);
                pool.Return(second);
            }
            foreach (var term in terms) Ring.MultiplyAdd(term.Share.Own.Span, term.Weight, part.Span, part.Span);
            if (context.Id == 0) Ring.Add(part.Span, constant, part.Span);
            foreach (var step in Truncation.Steps(context, part, dealerContributes: true, bits, z)) yield return step;
        }
        finally
        {
            pool.Return(part);
        }
    }
}
