using System.Runtime.CompilerServices;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Compare;

/// <summary>
/// The first two rounds of <see cref="MsbA"/> and <see cref="EqualsZeroA"/>: from an arithmetic
/// share [x], replicated boolean shares of a per-nibble circuit f(A, B) where the chunk holder
/// P_k knows A (from M = x_k + x_{k+1}) and the other two know B (from N = x_{k+2}).
/// <para>
/// Round 1: the holder shares every monomial of each nibble of A — 16 planes of 16 bits, the
/// 15 products a^S = ∏_{i∈S} a_i (S ≠ ∅) and, in the slot of S = ∅, the extra bit — as
/// T = t0 ^ t1 with t0 = F(s_k) and t1 sent to its next; component k+2 of T is zero. The next
/// sees t1, uniform because it lacks s_k; the prev sees nothing.
/// Locally: for fixed B, f is a polynomial in the nibble bits of A whose coefficients c_S(B) the
/// two non-holders get by evaluating f at the 16 constant patterns of A and applying the Möbius
/// transform (bitsliced over the 16 nibbles). Then f = c_∅ ^ ⊕_S c_S·(t0_S ^ t1_S): the next's
/// part ⊕ c_S·t1_S and the prev's part c_∅ ^ ⊕ c_S·t0_S are a 2-out-of-2 XOR share.
/// Round 2 makes it replicated: component k is g0 = F(s_k), component k+1 is g1 = F(s_{k+1}),
/// and the next and prev swap their parts masked by g1 and g0 (each lacks the mask's seed),
/// so both learn component k+2 = f ^ g0 ^ g1. The holder receives nothing.
/// </para>
/// Cost per chunk of L elements: 4·L words (round 1) plus 2·⌈L·bits/64⌉ words (round 2).
/// </summary>
internal static class NibbleStage<TCircuit> where TCircuit : INibbleCircuit
{
    public const int Rounds = 2;

    /// <summary>Words of the monomial planes per element: 16 planes × 16 bits.</summary>
    private const int MonomialWords = 4;

    /// <summary>Bit 0 of every nibble.</summary>
    private const ulong NibbleBit0 = 0x1111_1111_1111_1111UL;

    public static long BytesSent(int length)
        => ChunkSlot.Lengths(length).Sum(l => (MonomialWords * (long)l + 2L * BitPacking.PackedLength(l, TCircuit.OutputBits)) * sizeof(ulong));

    /// <summary>
    /// Writes the circuit outputs to <paramref name="circuit"/>, packed (<see cref="INibbleCircuit.OutputBits"/>
    /// bits per element, <see cref="BitPacking.Pack"/>'s layout), and the XOR of the two extra bits
    /// to <paramref name="extra"/>, packed one bit per element. Bits past the last element are zero.
    /// </summary>
    public static IEnumerable<Step> Steps(PartyContext context, AShare x, BShare circuit, BShare extra)
    {
        if (circuit.Length != BitPacking.PackedLength(x.Length, TCircuit.OutputBits) || extra.Length != BitPacking.PackedLength(x.Length, 1))
            throw new ArgumentException($"The packed outputs of {x.Length} elements have the wrong lengths.", nameof(circuit));
        foreach (var output in (ReadOnlySpan<NativeArray>)[circuit.Own, circuit.Next, extra.Own, extra.Next]) output.Span.Clear();
        var chunks = ChunkSlot.For(context, x.Length).Select(slot => new Chunk(context, slot, x, circuit, extra)).ToArray();
        try
        {
            foreach (var chunk in chunks) chunk.PostRound1();
            yield return Step.Exchange;
            foreach (var chunk in chunks) chunk.PostRound2();
            yield return Step.Exchange;
            foreach (var chunk in chunks) chunk.Finish();
        }
        finally
        {
            foreach (var chunk in chunks) chunk.Dispose();
        }
    }

    private sealed class Chunk(PartyContext context, ChunkSlot slot, AShare x, BShare circuit, BShare extra) : IDisposable
    {
        private readonly int _packed = BitPacking.PackedLength(slot.Length, TCircuit.OutputBits);
        private readonly int _extraWords = BitPacking.PackedLength(slot.Length, 1);
        private NativeArray? _monomials, _mask, _message, _received;

        private ReadOnlySpan<ulong> Of(NativeArray array) => array.Slice(slot.Start, slot.Length);

        /// <summary>ORs a chunk's packed fields into their place in a packed output of the whole vector.</summary>
        private void Place(ReadOnlySpan<ulong> fields, int width, NativeArray output) => BitPacking.Place(fields, width, slot.Length, output.Span, slot.Start);

        public void PostRound1()
        {
            var rng = context.Randomness;
            var pool = context.Buffers;
            _monomials = pool.Rent(MonomialWords * slot.Length);
            _mask = pool.Rent(slot.Role == ChunkRole.Holder ? 0 : _packed);
            switch (slot.Role)
            {
                case ChunkRole.Holder:
                    var t0 = pool.Rent(MonomialWords * slot.Length);
                    var extras = pool.Rent(2 * _extraWords);
                    try
                    {
                        rng.Own.Fill(t0.Span);
                        var ownExtra = extras.Slice(0, _extraWords);
                        var nextExtra = extras.Slice(_extraWords, _extraWords);
                        WriteMaskedMonomials(Of(x.Own), Of(x.Next), t0.Span, _monomials.Span, ownExtra, nextExtra);
                        context.Net.Send(Peer.Next, _monomials);
                        Place(ownExtra, 1, extra.Own);
                        Place(nextExtra, 1, extra.Next);
                        var g = t0.Slice(0, _packed);
                        rng.Own.Fill(g);
                        Place(g, TCircuit.OutputBits, circuit.Own);
                        rng.Next.Fill(g);
                        Place(g, TCircuit.OutputBits, circuit.Next);
                    }
                    finally
                    {
                        pool.Return(t0);
                        pool.Return(extras);
                    }
                    break;
                case ChunkRole.HolderNext:
                    context.Net.Receive(Peer.Prev, _monomials);
                    rng.Own.Fill(_mask.Span);
                    break;
                case ChunkRole.HolderPrev:
                    rng.Next.Fill(_monomials.Span);
                    rng.Next.Fill(_mask.Span);
                    break;
            }
        }

        public void PostRound2()
        {
            if (slot.Role == ChunkRole.Holder) return;
            bool isNext = slot.Role == ChunkRole.HolderNext;
            _message = context.Buffers.Rent(_packed);
            _received = context.Buffers.Rent(_packed);
            var extras = context.Buffers.Rent(2 * _extraWords);
            try
            {
                var monomialExtra = extras.Slice(0, _extraWords);
                var pairExtra = extras.Slice(_extraWords, _extraWords);
                PartOfCircuit(_monomials!.Span, isNext ? Of(x.Next) : Of(x.Own), addConstant: !isNext, _message.Span, monomialExtra, pairExtra);
                // Next: component k+1 is t1, k+2 is N's bit. Prev: component k+2 is N's bit, k is t0.
                Place(pairExtra, 1, isNext ? extra.Next : extra.Own);
                Place(monomialExtra, 1, isNext ? extra.Own : extra.Next);
            }
            finally
            {
                context.Buffers.Return(extras);
            }
            Ring.Xor(_message.Span, _mask!.Span, _message.Span);
            var peer = isNext ? Peer.Next : Peer.Prev;
            context.Net.Send(peer, _message);
            context.Net.Receive(peer, _received);
        }

        public void Finish()
        {
            if (slot.Role == ChunkRole.Holder) return;
            bool isNext = slot.Role == ChunkRole.HolderNext;
            // Component k+2 = (own part ^ own mask) ^ (other part ^ other mask); the own mask is this party's other component.
            Ring.Xor(_message!.Span, _received!.Span, _message.Span);
            Place(_message.Span, TCircuit.OutputBits, isNext ? circuit.Next : circuit.Own);
            Place(_mask!.Span, TCircuit.OutputBits, isNext ? circuit.Own : circuit.Next);
        }

        public void Dispose()
        {
            foreach (var array in (ReadOnlySpan<NativeArray?>)[_monomials, _mask, _message, _received])
            {
                if (array is not null) context.Buffers.Return(array);
            }
        }
    }

    /// <summary>
    /// Per element: the 16 planes of 16 bits (slot 0 the extra bit, slot S the monomial ∏_{i∈S} a_i)
    /// XOR the mask t0, into <paramref name="monomials"/>; bit e of the extras gets the extra slot of
    /// t0 and of the masked planes (the holder's two components of the extra bit).
    /// </summary>
    private static void WriteMaskedMonomials(ReadOnlySpan<ulong> own, ReadOnlySpan<ulong> next, ReadOnlySpan<ulong> t0, Span<ulong> monomials, Span<ulong> ownExtra, Span<ulong> nextExtra)
    {
        ownExtra.Clear();
        nextExtra.Clear();
        for (int e = 0; e < own.Length; e++)
        {
            ulong m = own[e] + next[e];
            ulong a = TCircuit.HolderOperand(m);
            ulong a0 = BitPacking.Extract(a, NibbleBit0), a1 = BitPacking.Extract(a, NibbleBit0 << 1);
            ulong a2 = BitPacking.Extract(a, NibbleBit0 << 2), a3 = BitPacking.Extract(a, NibbleBit0 << 3);
            ulong a01 = a0 & a1, a23 = a2 & a3;
            // Word w holds slots 4w..4w+3: the products of {a0, a1} subsets times the {a2, a3} subset w.
            ulong lowProducts = (a0 << 16) | (a1 << 32) | (a01 << 48);
            ulong extraBit = TCircuit.HolderExtraBit(m) & 1;
            var mask = t0.Slice(MonomialWords * e, MonomialWords);
            var words = monomials.Slice(MonomialWords * e, MonomialWords);
            words[0] = (extraBit | lowProducts) ^ mask[0];
            words[1] = (a2 | (lowProducts & Spread(a2))) ^ mask[1];
            words[2] = (a3 | (lowProducts & Spread(a3))) ^ mask[2];
            words[3] = (a23 | (lowProducts & Spread(a23))) ^ mask[3];
            ownExtra[e >> 6] |= (mask[0] & 1) << (e & 63);
            nextExtra[e >> 6] |= (words[0] & 1) << (e & 63);
        }
    }

    /// <summary>
    /// This party's XOR part of f: ⊕_{S≠∅} c_S(B)·T_S, plus c_∅(B) when <paramref name="addConstant"/>,
    /// packed into <paramref name="part"/>; bit e of the extras gets the extra slot of element e's
    /// planes and the extra bit of its N.
    /// The coefficients are laid out like the monomial words (slot 4w + j in lane j of word w), so
    /// f is evaluated at four patterns of A per call and each word meets its monomials in one AND.
    /// </summary>
    private static void PartOfCircuit(ReadOnlySpan<ulong> monomials, ReadOnlySpan<ulong> n, bool addConstant, Span<ulong> part, Span<ulong> monomialExtra, Span<ulong> pairExtra)
    {
        part.Clear();
        monomialExtra.Clear();
        pairExtra.Clear();
        int perWord = 64 / TCircuit.OutputBits, perWordShift = perWord == 2 ? 1 : 2;
        ulong constantSlot = addConstant ? 0xFFFFUL : 0;
        for (int e = 0; e < n.Length; e++)
        {
            ulong b = TCircuit.PairOperand(n[e]);
            ulong b0 = Spread(BitPacking.Extract(b, NibbleBit0)), b1 = Spread(BitPacking.Extract(b, NibbleBit0 << 1));
            ulong b2 = Spread(BitPacking.Extract(b, NibbleBit0 << 2)), b3 = Spread(BitPacking.Extract(b, NibbleBit0 << 3));
            var (first0, second0) = TCircuit.Evaluate(OddLanes, HighLanes, 0, 0, b0, b1, b2, b3);
            var (first1, second1) = TCircuit.Evaluate(OddLanes, HighLanes, ulong.MaxValue, 0, b0, b1, b2, b3);
            var (first2, second2) = TCircuit.Evaluate(OddLanes, HighLanes, 0, ulong.MaxValue, b0, b1, b2, b3);
            var (first3, second3) = TCircuit.Evaluate(OddLanes, HighLanes, ulong.MaxValue, ulong.MaxValue, b0, b1, b2, b3);
            var words = monomials.Slice(MonomialWords * e, MonomialWords);
            ulong word0 = (words[0] & ~0xFFFFUL) | constantSlot;
            ulong value = Fold(Terms(first0, first1, first2, first3, word0, words[1], words[2], words[3]));
            if (TCircuit.OutputBits == 32) value |= Fold(Terms(second0, second1, second2, second3, word0, words[1], words[2], words[3])) << 16;
            part[e >> perWordShift] |= value << (TCircuit.OutputBits * (e & (perWord - 1)));
            monomialExtra[e >> 6] |= (words[0] & 1) << (e & 63);
            pairExtra[e >> 6] |= (TCircuit.PairExtraBit(n[e]) & 1) << (e & 63);
        }
    }

    /// <summary>Lanes 1 and 3: bit 0 of the pattern is set there.</summary>
    private const ulong OddLanes = 0xFFFF_0000_FFFF_0000UL;

    /// <summary>Lanes 2 and 3: bit 1 of the pattern is set there.</summary>
    private const ulong HighLanes = 0xFFFF_FFFF_0000_0000UL;

    /// <summary>
    /// Möbius transform of the values at the 16 patterns (lane j of word w holds pattern 4w + j) into
    /// the algebraic normal form coefficients, then each coefficient ANDed with its monomial plane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Terms(ulong c0, ulong c1, ulong c2, ulong c3, ulong t0, ulong t1, ulong t2, ulong t3)
    {
        c0 = LaneMobius(c0);
        c1 = LaneMobius(c1) ^ c0;
        c2 = LaneMobius(c2) ^ c0;
        c3 = LaneMobius(c3) ^ c1 ^ c2 ^ c0;
        return (c0 & t0) ^ (c1 & t1) ^ (c2 & t2) ^ (c3 & t3);
    }

    /// <summary>Möbius transform over the two pattern bits held in the lane index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LaneMobius(ulong c)
    {
        c ^= (c << 16) & OddLanes;
        return c ^ (c << 32);
    }

    /// <summary>XOR of the four 16-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Fold(ulong lanes)
    {
        lanes ^= lanes >> 32;
        return (lanes ^ (lanes >> 16)) & 0xFFFF;
    }

    /// <summary>The 16-bit plane copied into all four 16-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Spread(ulong plane) => plane * 0x0001_0001_0001_0001UL;
}
