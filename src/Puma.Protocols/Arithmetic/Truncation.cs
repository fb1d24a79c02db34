using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Arithmetic;

/// <summary>
/// The two-round probabilistic truncation of PROTOCOLS.md §5, shared by <see cref="TruncA"/> and the
/// fused products. The vector is cut into three chunks and chunk d has dealer P_d, A = P_{d+1},
/// B = P_{d+2}, so every party plays every role once and all links carry equal load.
/// <para>
/// Input: per party a vector <c>part</c> whose chunk is this party's additive contribution to the
/// value in that chunk. For a replicated input (<c>dealerContributes = false</c>) A contributes
/// x_{d+1} + x_{d+2}, B contributes x_d and D nothing. For a fused product every party contributes
/// its local product, which needs no zero share: D forwards its own to A and B in round 1, each
/// time under a mask that only D and the other one draw (s shared with A, t with B), A sends
/// c_A − s and B sends c_B − t, where c_A and c_B are already masked by rA and rB. So every
/// message is uniform to its recipient and the masks cancel in c. Per element this draws 4 PRG
/// words where zero shares took 6.
/// </para>
/// <para>
/// A and B open c = x + 2^62 + r with r = rA + rB from the seeds they share with D; D deals
/// additive shares of u = (r mod 2^63) &gt;&gt; d and m = r &gt;&gt; 63; then
/// y = (c' &gt;&gt; d) - u + 2^(63-d)·(c63 + m - 2·c63·m) - 2^(62-d) equals x &gt;&gt; d up to 1 ulp
/// whenever |x| &lt; 2^62. Round 2 converts A's and B's additive y back to replicated form.
/// </para>
/// </summary>
internal static class Truncation
{
    private const ulong Bias = 1UL << 62;

    /// <summary>Elements sent by the three parties together per element (replicated input).</summary>
    public const int ElementsPerElement = 6;

    /// <summary>Elements sent per element when D must forward its contribution (fused products).</summary>
    public const int FusedElementsPerElement = 8;

    /// <summary>The range of chunk <paramref name="dealer"/> in a vector of n elements.</summary>
    public static (int Start, int Length) ChunkOf(int n, int dealer)
    {
        int start = (int)((long)n * dealer / Parties.Count);
        return (start, (int)((long)n * (dealer + 1) / Parties.Count) - start);
    }

    public static IEnumerable<Step> Steps(PartyContext context, NativeArray part, bool dealerContributes, int bits, AShare result)
    {
        if (bits is < 1 or > 62) throw new ArgumentOutOfRangeException(nameof(bits), bits, "Truncation shifts by 1..62 bits.");
        var roles = Enumerable.Range(0, Parties.Count)
            .Select(dealer => Role.For(context, dealer, part, dealerContributes, bits, result))
            .ToArray();
        try
        {
            foreach (var role in roles) role.PostRound1();
            yield return Step.Exchange;
            foreach (var role in roles) role.PostRound2();
            yield return Step.Exchange;
            foreach (var role in roles) role.Finish();
        }
        finally
        {
            foreach (var role in roles) role.Dispose();
        }
    }

    /// <summary>What this party does for the chunk whose dealer is <c>dealer</c>.</summary>
    private abstract unsafe class Role : IDisposable
    {
        private readonly List<NativeArray> _owned = [];

        protected Role(PartyContext context, int start, int length, NativeArray part, bool dealerContributes, int bits, AShare result)
        {
            Context = context;
            Start = start;
            Length = length;
            Part = part;
            DealerContributes = dealerContributes;
            Bits = bits;
            Result = result;
        }

        protected PartyContext Context { get; }
        protected int Start { get; }
        protected int Length { get; }
        protected NativeArray Part { get; }
        protected bool DealerContributes { get; }
        protected int Bits { get; }
        protected AShare Result { get; }
        protected CorrelatedRandomness Rng => Context.Randomness;
        protected int Threads => Context.Config.KernelThreads;
        protected Communicator Net => Context.Net;

        public static Role For(PartyContext context, int dealer, NativeArray part, bool dealerContributes, int bits, AShare result)
        {
            var (start, length) = ChunkOf(part.Length, dealer);
            return Parties.Wrap(context.Id - dealer) switch
            {
                0 => new Dealer(context, start, length, part, dealerContributes, bits, result),
                1 => new PartyA(context, start, length, part, dealerContributes, bits, result),
                _ => new PartyB(context, start, length, part, dealerContributes, bits, result),
            };
        }

        public abstract void PostRound1();

        public abstract void PostRound2();

        public abstract void Finish();

        public void Dispose()
        {
            foreach (var array in _owned) array.Dispose();
        }

        /// <summary>A temporary freed when the role ends; contents unspecified.</summary>
        protected NativeArray Buffer(int length)
        {
            var array = NativeArray.Uninitialized(length);
            _owned.Add(array);
            return array;
        }

        protected Span<ulong> Chunk(NativeArray array) => array.Slice(Start, Length);

        /// <summary>
        /// Writes this party's masked contribution to c into <paramref name="c"/>, block by block:
        /// a draw from <paramref name="mask"/>, plus its part, plus <paramref name="constant"/>.
        /// With a <paramref name="message"/>, the draw first fills a block of the dealer's mask
        /// d (the stream's next <c>Length</c> elements, before c's) and the message gets c − d in
        /// the same pass, so neither d nor c makes a second trip through memory.
        /// </summary>
        protected void MaskedPart(AesCtrPrg mask, ulong constant, Span<ulong> c, Span<ulong> message = default)
        {
            ulong blocks = AesCtrPrg.BlocksFor(Length);
            bool withMessage = !message.IsEmpty;
            fixed (ulong* part = Chunk(Part), target = c, toPeer = message)
            {
                ParallelChunks.For(Length, Threads, new TruncationChunks.MaskedPart(
                    mask, mask.Counter + (withMessage ? blocks : 0), part, constant, target, withMessage ? toPeer : null, mask.Counter));
            }
            mask.Skip(withMessage ? 2 * blocks : blocks);
        }

        /// <summary>
        /// Round 2 of A or B in one blocked pass: draws this party's output component
        /// <paramref name="drawn"/> from <paramref name="stream"/> and overwrites <paramref name="c"/>
        /// with y_share - drawn (see <see cref="TruncationKernels.OpenShareOfY"/>).
        /// </summary>
        protected void OpenAndReshare(
            Span<ulong> c, ReadOnlySpan<ulong> fromPeer, ReadOnlySpan<ulong> fromDealer, ReadOnlySpan<ulong> uShare, ReadOnlySpan<ulong> mShare,
            AesCtrPrg stream, Span<ulong> drawn, bool addPublicTerms)
        {
            fixed (ulong* pc = c, peer = fromPeer, dealer = fromDealer, u = uShare, m = mShare, z = drawn)
            {
                ParallelChunks.For(Length, Threads, new TruncationChunks.OpenAndReshare(
                    pc, peer, fromDealer.IsEmpty ? null : dealer, u, m, stream, stream.Counter, z, Bits, addPublicTerms));
            }
            stream.Skip(AesCtrPrg.BlocksFor(Length));
        }
    }

    private sealed unsafe class Dealer(PartyContext context, int start, int length, NativeArray part, bool dealerContributes, int bits, AShare result)
        : Role(context, start, length, part, dealerContributes, bits, result)
    {
        /// <summary>
        /// Same draws, same order as A's Own stream: rA, then A's shares of u and m; rB from the
        /// stream shared with B. rA and uA go straight into the message slots they turn into.
        /// </summary>
        public override void PostRound1()
        {
            var toB = Buffer((DealerContributes ? 3 : 2) * Length);
            if (DealerContributes) ForwardPart(toB.Slice(2 * Length, Length));
            // u, m and mA: the stream's next three fills of Length elements, drawn block by block.
            ulong blocks = AesCtrPrg.BlocksFor(Length);
            fixed (ulong* u = toB.Slice(0, Length), m = toB.Slice(Length, Length))
                ParallelChunks.For(Length, Threads, new TruncationChunks.DealMasks(Rng.Next, Rng.Next.Counter, blocks, Rng.Own, Rng.Own.Counter, u, m, Bits));
            Rng.Next.Skip(3 * blocks);
            Rng.Own.Skip(blocks);
            Net.Send(Peer.Prev, toB);
        }

        /// <summary>
        /// D's part goes to A as part + t and to B as part + s, where t is drawn from the stream D
        /// shares with B and s from the one it shares with A: each recipient sees it under a mask it
        /// does not know, and A and B take s and t out of their own messages. These are the first
        /// draws of both streams in the call, as in A's and B's round 1.
        /// </summary>
        private void ForwardPart(Span<ulong> toB)
        {
            var toA = Buffer(Length);
            MaskedPart(Rng.Next, 0, toB);
            MaskedPart(Rng.Own, 0, toA.Span);
            Net.Send(Peer.Next, toA);
        }

        /// <summary>Draws z_d and z_{d+1} in the same step as B and A draw them, keeping the streams in lockstep.</summary>
        public override void PostRound2()
        {
            Rng.Own.Fill(Chunk(Result.Own), Threads);
            Rng.Next.Fill(Chunk(Result.Next), Threads);
        }

        public override void Finish()
        {
        }
    }

    /// <summary>A: sends its masked a to B in round 1 and, in round 2, y_A - z0 in the same buffer.</summary>
    private sealed class PartyA(PartyContext context, int start, int length, NativeArray part, bool dealerContributes, int bits, AShare result)
        : Role(context, start, length, part, dealerContributes, bits, result)
    {
        private NativeArray _c = null!, _fromB = null!, _fromDealer = null!, _uA = null!, _mA = null!;

        public override void PostRound1()
        {
            _c = Buffer(Length);
            _uA = Buffer(Length);
            _mA = Buffer(Length);
            _fromB = Buffer(Length);
            _fromDealer = Buffer(DealerContributes ? Length : 0);
            var toB = DealerContributes ? Buffer(Length) : _c;
            // s (D's mask towards B) first, as D draws it; B gets c_A − s and D's part + s.
            MaskedPart(Rng.Own, Bias, _c.Span, DealerContributes ? toB.Span : default);
            Rng.Own.Fill(_uA.Span, Threads);
            Rng.Own.Fill(_mA.Span, Threads);
            Net.Send(Peer.Next, toB);
            Net.Receive(Peer.Next, _fromB);
            Net.Receive(Peer.Prev, _fromDealer);
        }

        public override void PostRound2()
        {
            OpenAndReshare(_c.Span, _fromB.Span, _fromDealer.Span, _uA.Span, _mA.Span, Rng.Own, Chunk(Result.Own), addPublicTerms: true);
            Net.Send(Peer.Next, _c);
            Net.Receive(Peer.Next, Result.Next, Start, Length);
        }

        public override void Finish() => Ring.Add(Chunk(Result.Next), _c.Span, Chunk(Result.Next), Threads);
    }

    /// <summary>B: sends its masked b to A in round 1 and, in round 2, y_B - z2 in the same buffer.</summary>
    private sealed class PartyB(PartyContext context, int start, int length, NativeArray part, bool dealerContributes, int bits, AShare result)
        : Role(context, start, length, part, dealerContributes, bits, result)
    {
        private NativeArray _c = null!, _fromA = null!, _fromDealer = null!;

        public override void PostRound1()
        {
            _c = Buffer(Length);
            _fromA = Buffer(Length);
            _fromDealer = Buffer((DealerContributes ? 3 : 2) * Length);
            var toA = DealerContributes ? Buffer(Length) : _c;
            // t (D's mask towards A) first, as D draws it; A gets c_B − t and D's part + t.
            MaskedPart(Rng.Next, 0, _c.Span, DealerContributes ? toA.Span : default);
            Net.Send(Peer.Prev, toA);
            Net.Receive(Peer.Prev, _fromA);
            Net.Receive(Peer.Next, _fromDealer);
        }

        public override void PostRound2()
        {
            var dealerPart = DealerContributes ? _fromDealer.Slice(2 * Length, Length) : default;
            OpenAndReshare(_c.Span, _fromA.Span, dealerPart, _fromDealer.Slice(0, Length), _fromDealer.Slice(Length, Length), Rng.Next, Chunk(Result.Next), addPublicTerms: false);
            Net.Send(Peer.Prev, _c);
            Net.Receive(Peer.Prev, Result.Own, Start, Length);
        }

        public override void Finish() => Ring.Add(Chunk(Result.Own), _c.Span, Chunk(Result.Own), Threads);
    }
}
