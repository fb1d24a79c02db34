using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Compare;

/// <summary>
/// The first two rounds of <see cref="MsbA"/> and <see cref="EqualsZeroA"/>: from an arithmetic
/// share [x], replicated boolean shares of a per-nibble circuit f(A, B) where the chunk holder
/// P_k knows A (from M = x_k + x_{k+1}) and the other two know B (from N = x_{k+2}).
/// <para>
/// Round 1: the holder shares every monomial of each nibble of A — 16 slots per nibble, the
/// 15 products a^S = ∏_{i∈S} a_i (S ≠ ∅) and, in nibble 0's slot of S = ∅, the extra bit (layout in
/// <see cref="NibbleKernels{TCircuit}"/>) — as
/// T = t0 ^ t1 with t0 = F(s_k) and t1 sent to its next; component k+2 of T is zero. The next
/// sees t1, uniform because it lacks s_k; the prev sees nothing.
/// Locally: for fixed B, f is a polynomial in the nibble bits of A whose coefficients c_S(B) the
/// two non-holders get by evaluating f at the 16 constant patterns of A and applying the Möbius
/// transform (bitsliced over the 16 nibbles, several elements per vector). Then
/// f = c_∅ ^ ⊕_S c_S·(t0_S ^ t1_S): the next's part ⊕ c_S·t1_S and the prev's part c_∅ ^ ⊕ c_S·t0_S are a 2-out-of-2 XOR share.
/// Round 2 makes it replicated: component k is g0 = F(s_k), component k+1 is g1 = F(s_{k+1}),
/// and the next and prev swap their parts masked by g1 and g0 (each lacks the mask's seed),
/// so both learn component k+2 = f ^ g0 ^ g1. The holder receives nothing.
/// </para>
/// Cost per chunk of L elements: 4·L words (round 1) plus 2·⌈L·bits/64⌉ words (round 2).
/// </summary>
internal static class NibbleStage<TCircuit> where TCircuit : INibbleCircuit
{
    public const int Rounds = 2;

    /// <summary>Words of monomial slots per element, in <see cref="NibbleKernels{TCircuit}"/>'s layout.</summary>
    private const int MonomialWords = NibbleKernels<TCircuit>.MonomialWords;

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
            int threads = context.Config.KernelThreads;
            _monomials = NativeArray.Uninitialized(MonomialWords * slot.Length);
            _mask = NativeArray.Uninitialized(slot.Role == ChunkRole.Holder ? 0 : _packed);
            switch (slot.Role)
            {
                case ChunkRole.Holder:
                    var t0 = NativeArray.Uninitialized(MonomialWords * slot.Length);
                    var extras = NativeArray.Uninitialized(2 * _extraWords);
                    try
                    {
                        rng.Own.Fill(t0.Span, threads);
                        var ownExtra = extras.Slice(0, _extraWords);
                        var nextExtra = extras.Slice(_extraWords, _extraWords);
                        NibbleKernels<TCircuit>.WriteMaskedMonomials(Of(x.Own), Of(x.Next), t0.Span, _monomials.Span, ownExtra, nextExtra, threads);
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
                        t0.Dispose();
                        extras.Dispose();
                    }
                    break;
                case ChunkRole.HolderNext:
                    context.Net.Receive(Peer.Prev, _monomials);
                    rng.Own.Fill(_mask.Span);
                    break;
                case ChunkRole.HolderPrev:
                    rng.Next.Fill(_monomials.Span, threads);
                    rng.Next.Fill(_mask.Span);
                    break;
            }
        }

        public void PostRound2()
        {
            if (slot.Role == ChunkRole.Holder) return;
            bool isNext = slot.Role == ChunkRole.HolderNext;
            _message = NativeArray.Uninitialized(_packed);
            _received = NativeArray.Uninitialized(_packed);
            var extras = NativeArray.Uninitialized(2 * _extraWords);
            try
            {
                var monomialExtra = extras.Slice(0, _extraWords);
                var pairExtra = extras.Slice(_extraWords, _extraWords);
                NibbleKernels<TCircuit>.PartOfCircuit(_monomials!.Span, isNext ? Of(x.Next) : Of(x.Own), addConstant: !isNext, _message.Span, monomialExtra, pairExtra, context.Config.KernelThreads);
                // Next: component k+1 is t1, k+2 is N's bit. Prev: component k+2 is N's bit, k is t0.
                Place(pairExtra, 1, isNext ? extra.Next : extra.Own);
                Place(monomialExtra, 1, isNext ? extra.Own : extra.Next);
            }
            finally
            {
                extras.Dispose();
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
                array?.Dispose();
            }
        }
    }
}
