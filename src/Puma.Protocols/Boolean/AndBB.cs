using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Boolean;

/// <summary>
/// Bitwise AND of two boolean shares, word by word: multiplication over GF(2)^64,
/// z_i = x_i&amp;y_i ^ x_i&amp;y_{i+1} ^ x_{i+1}&amp;y_i ^ alpha_i, then P_i sends z_i to prev(i).
/// Cost: 1 round, 1 word per party per word.
/// </summary>
public static class AndBB
{
    public static ProtocolCost Cost(int length) => new(1, 3L * length * sizeof(ulong));

    public static BShare And(PartyContext context, BShare x, BShare y)
    {
        using var _ = context.Scope("and");
        var z = new BShare(x.Length);
        context.Run(Steps(context, x, y, z));
        return z;
    }

    public static IEnumerable<Step> Steps(PartyContext context, BShare x, BShare y, BShare z)
    {
        LocalProduct(context, x, y, z.Own);
        context.Net.Send(Peer.Prev, z.Own);
        context.Net.Receive(Peer.Next, z.Next);
        yield return Step.Exchange;
    }

    private static void LocalProduct(PartyContext context, BShare x, BShare y, NativeArray destination)
    {
        if (x.Length != y.Length || destination.Length != x.Length)
            throw new ArgumentException($"Operand lengths differ: {x.Length} and {y.Length}.");
        context.Randomness.ZeroShareXor(destination.Span);
        var term = NativeArray.Uninitialized(x.Length);
        try
        {
            Ring.Xor(y.Own.Span, y.Next.Span, term.Span);
            Ring.And(x.Own.Span, term.Span, term.Span);
            Ring.Xor(destination.Span, term.Span, destination.Span);
            Ring.And(x.Next.Span, y.Own.Span, term.Span);
            Ring.Xor(destination.Span, term.Span, destination.Span);
        }
        finally
        {
            term.Dispose();
        }
    }
}
