using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Core;

/// <summary>
/// Secret-sharing an input held by one computing party or by the outside party, with the
/// seed-compressed packages of <see cref="InputDealing"/>. 1 round; the owner sends 2·n elements
/// plus a few seed words (see <see cref="InputCost"/>).
/// </summary>
public static class Input
{
    /// <summary>Cost when computing party <paramref name="owner"/> (or -1 for the outside party) shares n elements.</summary>
    public static ProtocolCost InputCost(int owner, int length)
        => new(1, InputDealing.BytesFor(Enumerable.Range(0, Parties.Count).Where(p => p != owner), length));

    /// <summary>
    /// All three parties call this; <paramref name="values"/> is read only at <paramref name="owner"/>
    /// (the others pass an empty span) and <paramref name="length"/> is public.
    /// </summary>
    public static AShare ShareA(PartyContext context, int owner, ReadOnlySpan<ulong> values, int length)
    {
        var share = new AShare(length);
        Share(context, owner, values, boolean: false, share.Own, share.Next);
        return share;
    }

    /// <summary>As <see cref="ShareA"/> for a boolean (XOR) share of 64-bit words.</summary>
    public static BShare ShareB(PartyContext context, int owner, ReadOnlySpan<ulong> values, int length)
    {
        var share = new BShare(length);
        Share(context, owner, values, boolean: true, share.Own, share.Next);
        return share;
    }

    /// <summary>Receives this party's package of an input the outside party (client or model owner) shares.</summary>
    public static AShare ShareFromOutside(PartyContext context, int length)
    {
        using var _ = context.Scope("input");
        var share = new AShare(length);
        Receive(context, Peer.Outside, share.Own, share.Next);
        return share;
    }

    private static void Share(PartyContext context, int owner, ReadOnlySpan<ulong> values, bool boolean, NativeArray own, NativeArray next)
    {
        Parties.Validate(owner);
        using var _ = context.Scope("input");
        if (context.Id != owner)
        {
            Receive(context, owner == Parties.Next(context.Id) ? Peer.Next : Peer.Prev, own, next);
            return;
        }
        if (values.Length != own.Length)
            throw new ArgumentException($"Party {owner} shares {values.Length} values but the parties agreed on {own.Length}.", nameof(values));
        using var dealing = InputDealing.Create(values, boolean);
        foreach (var (peer, party) in new[] { (Peer.Next, Parties.Next(owner)), (Peer.Prev, Parties.Prev(owner)) })
        {
            context.Net.Send(peer, dealing.Seeds, InputDealing.SeedOffsetFor(party), InputDealing.SeedWordsFor(party));
            context.Net.Send(peer, dealing.Dense, 0, InputDealing.DenseWordsFor(party, own.Length));
        }
        context.Net.Exchange();
        var ownerSeeds = dealing.Seeds.Span.Slice(InputDealing.SeedOffsetFor(owner), InputDealing.SeedWordsFor(owner));
        InputDealing.Open(owner, ownerSeeds, dealing.Dense.Span, own, next);
    }

    private static void Receive(PartyContext context, Peer from, NativeArray own, NativeArray next)
    {
        using var seeds = new NativeArray(InputDealing.SeedWordsFor(context.Id));
        using var dense = new NativeArray(InputDealing.DenseWordsFor(context.Id, own.Length));
        context.Net.Receive(from, seeds);
        context.Net.Receive(from, dense);
        context.Net.Exchange();
        InputDealing.Open(context.Id, seeds.Span, dense.Span, own, next);
    }
}
