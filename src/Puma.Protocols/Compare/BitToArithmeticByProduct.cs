using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Compare;

/// <summary>
/// Bit to arithmetic in 2 rounds and 4 words per bit in total, a third fewer bytes than the
/// one-round <see cref="BitToArithmetic"/> (6 words), for callers with a round to spare.
/// <para>
/// Per chunk k (roles rotate as in <see cref="BitToArithmetic"/>): the holder P_k knows
/// t = b_k ^ b_{k+1}, the other two know b' = b_{k+2}, and b = t + b' − 2·t·b'.
/// Round 1: the holder shares t arithmetically as y_k + y_{k+1} with y_k = F(s_k) (known to P_k
/// and P_{k+2}) and sends y_{k+1} = t − y_k to P_{k+1}, which lacks s_k, so it sees a uniform word.
/// Then t·b' = y_k·b' + y_{k+1}·b' splits between the two who know b': P_{k+1} holds
/// y_{k+1} + b' − 2·y_{k+1}·b' and P_{k+2} holds y_k − 2·y_k·b', an additive sharing of b with
/// the holder's part 0. Round 2 reshares it as a product is (each part plus a zero share, sent to
/// the previous party), so every message is masked.
/// </para>
/// Cost: 2 rounds, 4 words per bit in total (1 in round 1, 3 in round 2): 85.3 bits per party.
/// </summary>
public static class BitToArithmeticByProduct
{
    private const int WordsPerBit = 4;

    public const int Rounds = 2;

    public static ProtocolCost Cost(int length) => new(Rounds, (long)WordsPerBit * length * sizeof(ulong));

    public static AShare Convert(PartyContext context, BShare bits)
    {
        using var _ = context.Scope("bit_to_arithmetic");
        var result = new AShare(bits.Length);
        context.Run(Steps(context, bits, result));
        return result;
    }

    public static IEnumerable<Step> Steps(PartyContext context, BShare bits, AShare destination)
    {
        int n = bits.Length;
        if (destination.Length != n) throw new ArgumentException($"Destination holds {destination.Length} elements for {n} bits.", nameof(destination));
        var slots = ChunkSlot.For(context, n);
        var parts = destination.Own;
        var input = NativeArray.Uninitialized(slots.Single(s => s.Role != ChunkRole.HolderPrev && s.Role != ChunkRole.Holder).Length);
        var output = NativeArray.Uninitialized(slots.Single(s => s.Role == ChunkRole.Holder).Length);
        try
        {
            foreach (var slot in slots) ShareHoldersBit(context, slot, bits, parts, output, input);
            yield return Step.Exchange;
            foreach (var slot in slots) AddProducts(slot, bits, parts, input);
            var masked = parts.Span;
            var zero = NativeArray.Uninitialized(n);
            context.Randomness.ZeroShare(zero.Span);
            Ring.Add(masked, zero.Span, masked);
            zero.Dispose();
            context.Net.Send(Peer.Prev, destination.Own);
            context.Net.Receive(Peer.Next, destination.Next);
            yield return Step.Exchange;
        }
        finally
        {
            input.Dispose();
            output.Dispose();
        }
    }

    /// <summary>
    /// Round 1. Holder: y_{k+1} = t − F(s_k) to its next (its own part is 0). Its prev draws the same
    /// F(s_k) = y_k into its part; its next posts the receive of y_{k+1}.
    /// </summary>
    private static void ShareHoldersBit(PartyContext context, ChunkSlot slot, BShare bits, NativeArray parts, NativeArray output, NativeArray input)
    {
        var part = parts.Slice(slot.Start, slot.Length);
        switch (slot.Role)
        {
            case ChunkRole.Holder:
                context.Randomness.Own.Fill(output.Span);
                var own = bits.Own.Slice(slot.Start, slot.Length);
                var next = bits.Next.Slice(slot.Start, slot.Length);
                var message = output.Span;
                for (int e = 0; e < message.Length; e++) message[e] = ((own[e] ^ next[e]) & 1) - message[e];
                part.Clear();
                context.Net.Send(Peer.Next, output);
                break;
            case ChunkRole.HolderNext:
                context.Net.Receive(Peer.Prev, input);
                break;
            default:
                context.Randomness.Next.Fill(part);
                break;
        }
    }

    /// <summary>After round 1: P_{k+1}'s part y_{k+1}·(1 − 2b') + b', P_{k+2}'s part y_k·(1 − 2b').</summary>
    private static void AddProducts(ChunkSlot slot, BShare bits, NativeArray parts, NativeArray input)
    {
        if (slot.Role == ChunkRole.Holder) return;
        var part = parts.Slice(slot.Start, slot.Length);
        bool isNext = slot.Role == ChunkRole.HolderNext;
        var other = isNext ? bits.Next.Slice(slot.Start, slot.Length) : bits.Own.Slice(slot.Start, slot.Length);
        ReadOnlySpan<ulong> y = isNext ? input.Span : part;
        ulong addBit = isNext ? ulong.MaxValue : 0;
        for (int e = 0; e < part.Length; e++)
        {
            ulong bit = other[e] & 1, flip = 0UL - bit;
            // y·(1 − 2b') is y or −y: (y ^ flip) − flip, without a branch on the secret-shared bit's component.
            part[e] = ((y[e] ^ flip) - flip) + (bit & addBit);
        }
    }
}
