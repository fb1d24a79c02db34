using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Compare;

/// <summary>
/// Bit to arithmetic (B2A of single bits): a boolean share with the bit in bit 0 of each word
/// (higher bits ignored) becomes an arithmetic share of 0/1, in 1 round.
/// <para>
/// Per chunk k (roles rotate so links carry equal load; written here for k = 0): P0 knows
/// t = b0 ^ b1, P1 and P2 both know b2, and b = t ^ b2. The result is (z0, z1, z2) with
/// z0 = F(s0) (P0, P2), z1 = F(s1) (P0, P1) and z2 = (t ^ b2) − z0 − z1, which P1 and P2 learn
/// through two three-party OTs run in the same round (ABY3 §5.4), sender P0 with messages
/// m_c = (t ^ c) − z0 − z1, c ∈ {0, 1}, choice b2:
/// <list type="bullet">
/// <item>Receiver P2, helper P1: masks w_c = F(s1); P0 sends (m_0 ^ w_0, m_1 ^ w_1) to P2, P1
/// sends w_{b2} to P2.</item>
/// <item>Receiver P1, helper P2: masks w'_c = F(s0); P0 sends (m_0 ^ w'_0, m_1 ^ w'_1) to P1,
/// P2 sends w'_{b2} to P1.</item>
/// </list>
/// Security (one semi-honest corruption): P0 receives nothing. P1 receives m_{1−b2} ^ w'_{1−b2},
/// m_{b2} ^ w'_{b2} and w'_{b2}: the first is masked by w'_{1−b2}, drawn from s0 which P1 lacks
/// and used only here, so it is uniform and independent of the rest; the other two are a uniform
/// mask and z2 masked by it, and z2 = b − z0 − z1 is uniform given P1's view because z0 comes from
/// s0. Symmetrically for P2, with w from s1 and z1 from s1, which P2 lacks. P1 and P2 send only
/// masks, which depend on b2 they already know. So every message a party receives is uniformly
/// masked from its point of view, and the 1-round construction stands.
/// </para>
/// Cost: 1 round, 6 words per bit in total (sender 4, each receiver 1): 128 bits per party.
/// </summary>
public static class BitToArithmetic
{
    private const int WordsPerBit = 6;

    public static ProtocolCost Cost(int length) => new(1, (long)WordsPerBit * length * sizeof(ulong));

    public static AShare Convert(PartyContext context, BShare bits)
    {
        using var _ = context.Scope("bit_to_arithmetic");
        var result = new AShare(bits.Length);
        context.Run(Steps(context, bits, result));
        return result;
    }

    public static IEnumerable<Step> Steps(PartyContext context, BShare bits, AShare destination)
    {
        if (destination.Length != bits.Length) throw new ArgumentException($"Destination holds {destination.Length} elements for {bits.Length} bits.", nameof(destination));
        var chunks = ChunkSlot.For(context, bits.Length).Select(slot => new Chunk(context, slot, bits, destination)).ToArray();
        try
        {
            foreach (var chunk in chunks) chunk.Post();
            yield return Step.Exchange;
            foreach (var chunk in chunks) chunk.Finish();
        }
        finally
        {
            foreach (var chunk in chunks) chunk.Dispose();
        }
    }

    private sealed class Chunk(PartyContext context, ChunkSlot slot, BShare bits, AShare result) : IDisposable
    {
        // Pooled and uninitialized: each buffer a role uses is filled (PRG, message or receive) before it is read.
        private readonly NativeArray _pairs = NativeArray.Uninitialized(2 * slot.Length);
        private readonly NativeArray _masks = NativeArray.Uninitialized(2 * slot.Length);
        private readonly NativeArray _chosen = NativeArray.Uninitialized(slot.Role == ChunkRole.Holder ? 0 : slot.Length);
        private readonly NativeArray _helperMasks = NativeArray.Uninitialized(slot.Role == ChunkRole.Holder ? 0 : slot.Length);
        private readonly NativeArray _pairsForPrev = NativeArray.Uninitialized(slot.Role == ChunkRole.Holder ? 2 * slot.Length : 0);

        private Span<ulong> Of(NativeArray array) => array.Slice(slot.Start, slot.Length);

        public void Post()
        {
            var rng = context.Randomness;
            switch (slot.Role)
            {
                case ChunkRole.Holder:
                    // Own stream (s_k, shared with the prev receiver): z_k, then that receiver's masks w'.
                    // Next stream (s_{k+1}, shared with the next receiver): z_{k+1}, then its masks w.
                    rng.Own.Fill(Of(result.Own));
                    rng.Own.Fill(_masks.Span);
                    rng.Next.Fill(Of(result.Next));
                    rng.Next.Fill(_pairsForPrev.Span);
                    Messages(Of(bits.Own), Of(bits.Next), Of(result.Own), Of(result.Next), _pairs.Span);
                    Ring.Xor(_pairsForPrev.Span, _pairs.Span, _pairsForPrev.Span);
                    Ring.Xor(_pairs.Span, _masks.Span, _pairs.Span);
                    // Posted buffers must live until the round has run: both are fields, freed in Dispose.
                    context.Net.Send(Peer.Next, _pairs);
                    context.Net.Send(Peer.Prev, _pairsForPrev);
                    break;
                case ChunkRole.HolderNext:
                    rng.Own.Fill(Of(result.Own));
                    rng.Own.Fill(_masks.Span);
                    Choose(_masks.Span, Of(bits.Next), _chosen.Span);
                    context.Net.Send(Peer.Next, _chosen);
                    context.Net.Receive(Peer.Prev, _pairs);
                    context.Net.Receive(Peer.Next, _helperMasks);
                    break;
                case ChunkRole.HolderPrev:
                    rng.Next.Fill(Of(result.Next));
                    rng.Next.Fill(_masks.Span);
                    Choose(_masks.Span, Of(bits.Own), _chosen.Span);
                    context.Net.Send(Peer.Prev, _chosen);
                    context.Net.Receive(Peer.Next, _pairs);
                    context.Net.Receive(Peer.Prev, _helperMasks);
                    break;
            }
        }

        /// <summary>Receivers: z_{k+2} = chosen message ^ its mask (received from the helper).</summary>
        public void Finish()
        {
            if (slot.Role == ChunkRole.Holder) return;
            bool isNext = slot.Role == ChunkRole.HolderNext;
            var choice = isNext ? Of(bits.Next) : Of(bits.Own);
            var z = isNext ? Of(result.Next) : Of(result.Own);
            var pairs = _pairs.Span;
            var masks = _helperMasks.Span;
            for (int e = 0; e < z.Length; e++) z[e] = pairs[2 * e + (int)(choice[e] & 1)] ^ masks[e];
        }

        public void Dispose()
        {
            foreach (var array in (ReadOnlySpan<NativeArray>)[_pairs, _masks, _chosen, _helperMasks, _pairsForPrev]) array.Dispose();
        }

        /// <summary>m_c = (t ^ c) − z_k − z_{k+1} for c = 0, 1, interleaved per element.</summary>
        private static void Messages(ReadOnlySpan<ulong> own, ReadOnlySpan<ulong> next, ReadOnlySpan<ulong> z0, ReadOnlySpan<ulong> z1, Span<ulong> pairs)
        {
            for (int e = 0; e < own.Length; e++)
            {
                ulong t = (own[e] ^ next[e]) & 1;
                ulong rest = 0UL - z0[e] - z1[e];
                pairs[2 * e] = t + rest;
                pairs[2 * e + 1] = (t ^ 1) + rest;
            }
        }

        private static void Choose(ReadOnlySpan<ulong> masks, ReadOnlySpan<ulong> choice, Span<ulong> chosen)
        {
            for (int e = 0; e < chosen.Length; e++) chosen[e] = masks[2 * e + (int)(choice[e] & 1)];
        }
    }
}
