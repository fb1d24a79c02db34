using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Protocols.Runtime;
using Puma.Simd;

namespace Puma.Models.Secure;

/// <summary>
/// The last product of a model, x·W (+ b), delivered to the client without truncating it: each
/// party computes its additive term of the product, z_i = X_i·(W_i + W_{i+1}) + X_{i+1}·W_i +
/// α_i (α a zero share, so each z_i alone is uniformly random), adds b_i, and sends z_i to the
/// client, who sums the three and decodes with 2f fractional bits. The parties receive nothing.
/// This replaces the product's exchange, the truncation and the reveal (5 rounds) by one round,
/// and the client gets the exact product of the shared operands (no truncation error).
/// Requires |x·W + b| &lt; 2^(63 − 2f).
/// Cost: 1 round; each party sends one element per output element to the client.
/// </summary>
internal static class ClientProduct
{
    /// <summary>All parties call this; <paramref name="bias"/> (if any) is shared with 2f fractional bits.</summary>
    public static void Send(PartyContext context, AShare x, AShare weight, MatMulShape shape, AShare? bias)
    {
        using var _ = context.Scope("output_to_client");
        using var product = NativeArray.Uninitialized(shape.OutputLength);
        MatMulAA.LocalProduct(context, x, weight, shape, product);
        if (bias is not null)
        {
            for (var start = 0; start < product.Length; start += bias.Length)
                Ring.Add(product.Slice(start, bias.Length), bias.Own.Span, product.Slice(start, bias.Length));
        }
        context.Net.Send(Peer.Outside, product);
        context.Net.Exchange();
    }

    /// <summary>The client's side: sums the three terms and decodes them at 2f fractional bits.</summary>
    public static double[] Receive(OutsideParty client, int length, int fractionalBits)
    {
        var sums = client.ReceiveOutput(length);
        var values = new double[length];
        FixedPoint.Decode(sums, values, 2 * fractionalBits);
        return values;
    }
}
