using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Core;

/// <summary>
/// Opening shares. Every reveal is a leak by design: call these only on outputs.
/// <list type="bullet">
/// <item>To all: P_i sends x_{i+1} to prev(i). 1 round, 1 element per party per element.</item>
/// <item>To party j: next(j) sends it x_{j+2}, the component it lacks. 1 round, 1 element in total.</item>
/// <item>To the outside party: each P_i sends x_i. 1 round, 1 element per party (the outside sums).</item>
/// </list>
/// All parties must call the same method (those that learn nothing get <c>null</c>).
/// </summary>
public static class Reveal
{
    public static ProtocolCost RevealToAllCost(int length) => new(1, 3L * length * sizeof(ulong));

    public static ProtocolCost RevealToPartyCost(int length) => new(1, (long)length * sizeof(ulong));

    public static ProtocolCost RevealToOutsideCost(int length) => new(1, 3L * length * sizeof(ulong));

    public static ulong[] RevealToAll(PartyContext context, AShare x) => ToAll(context, x.Own, x.Next, xor: false);

    public static ulong[] RevealToAll(PartyContext context, BShare x) => ToAll(context, x.Own, x.Next, xor: true);

    public static ulong[]? RevealToParty(PartyContext context, AShare x, int receiver) => ToParty(context, x.Own, x.Next, receiver, xor: false);

    public static ulong[]? RevealToParty(PartyContext context, BShare x, int receiver) => ToParty(context, x.Own, x.Next, receiver, xor: true);

    /// <summary>Sends this party's component x_i to the outside party (client), who adds the three.</summary>
    public static void RevealToOutside(PartyContext context, AShare x)
    {
        using var _ = context.Scope("reveal");
        context.Net.Send(Peer.Outside, x.Own);
        context.Net.Exchange();
    }

    private static ulong[] ToAll(PartyContext context, NativeArray own, NativeArray next, bool xor)
    {
        using var _ = context.Scope("reveal");
        using var missing = new NativeArray(own.Length);
        context.Net.Send(Peer.Prev, next);
        context.Net.Receive(Peer.Next, missing);
        context.Net.Exchange();
        return Combine(own, next, missing, xor);
    }

    private static ulong[]? ToParty(PartyContext context, NativeArray own, NativeArray next, int receiver, bool xor)
    {
        Parties.Validate(receiver);
        using var _ = context.Scope("reveal");
        using var missing = new NativeArray(own.Length);
        if (context.Id == Parties.Next(receiver)) context.Net.Send(Peer.Prev, next);
        if (context.Id == receiver) context.Net.Receive(Peer.Next, missing);
        context.Net.Exchange();
        return context.Id == receiver ? Combine(own, next, missing, xor) : null;
    }

    private static ulong[] Combine(NativeArray own, NativeArray next, NativeArray missing, bool xor)
    {
        var result = new ulong[own.Length];
        if (xor)
        {
            Ring.Xor(own.Span, next.Span, result);
            Ring.Xor(result, missing.Span, result);
        }
        else
        {
            Ring.Add(own.Span, next.Span, result);
            Ring.Add(result, missing.Span, result);
        }
        return result;
    }
}
