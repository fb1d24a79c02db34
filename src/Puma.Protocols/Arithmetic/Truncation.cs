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
/// its masked local product and D forwards its contribution to A and B in round 1.
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
    private const ulong Low63 = (1UL << 63) - 1;

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
    private abstract class Role : IDisposable
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

        protected NativeArray Buffer(int length)
        {
            var array = new NativeArray(length);
            _owned.Add(array);
            return array;
        }

        protected Span<ulong> Chunk(NativeArray array) => array.Slice(Start, Length);

        /// <summary>
        /// This party's additive share of y: the public terms (added by A only) plus
        /// -u_share + 2^(63-d)·(1 - 2·c63)·m_share.
        /// </summary>
        protected void ShareOfY(ReadOnlySpan<ulong> c, ReadOnlySpan<ulong> uShare, ReadOnlySpan<ulong> mShare, bool addPublicTerms, Span<ulong> y)
        {
            int high = 63 - Bits;
            ulong bias = 1UL << (62 - Bits);
            for (int i = 0; i < y.Length; i++)
            {
                ulong c63 = c[i] >> 63;
                ulong m = c63 == 0 ? mShare[i] : 0UL - mShare[i];
                ulong value = (m << high) - uShare[i];
                if (addPublicTerms) value += ((c[i] & Low63) >> Bits) + (c63 << high) - bias;
                y[i] = value;
            }
        }
    }

    private sealed class Dealer(PartyContext context, int start, int length, NativeArray part, bool dealerContributes, int bits, AShare result)
        : Role(context, start, length, part, dealerContributes, bits, result)
    {
        public override void PostRound1()
        {
            var rA = Buffer(Length);
            var rB = Buffer(Length);
            var toB = Buffer((DealerContributes ? 3 : 2) * Length);
            var u = toB.Slice(0, Length);
            var m = toB.Slice(Length, Length);
            // Same draws, same order as A's Own stream: rA, then A's shares of u and m.
            Rng.Next.Fill(rA.Span);
            using var uA = new NativeArray(Length);
            using var mA = new NativeArray(Length);
            Rng.Next.Fill(uA.Span);
            Rng.Next.Fill(mA.Span);
            Rng.Own.Fill(rB.Span);
            for (int i = 0; i < Length; i++)
            {
                ulong r = rA.Span[i] + rB.Span[i];
                u[i] = ((r & Low63) >> Bits) - uA.Span[i];
                m[i] = (r >> 63) - mA.Span[i];
            }
            if (DealerContributes)
            {
                Chunk(Part).CopyTo(toB.Slice(2 * Length, Length));
                Net.Send(Peer.Next, Part, Start, Length);
            }
            Net.Send(Peer.Prev, toB);
        }

        /// <summary>Draws z_d and z_{d+1} in the same step as B and A draw them, keeping the streams in lockstep.</summary>
        public override void PostRound2()
        {
            Rng.Own.Fill(Chunk(Result.Own));
            Rng.Next.Fill(Chunk(Result.Next));
        }

        public override void Finish()
        {
        }
    }

    private sealed class PartyA(PartyContext context, int start, int length, NativeArray part, bool dealerContributes, int bits, AShare result)
        : Role(context, start, length, part, dealerContributes, bits, result)
    {
        private NativeArray _c = null!, _fromB = null!, _fromDealer = null!, _uA = null!, _mA = null!, _toB = null!;

        public override void PostRound1()
        {
            _c = Buffer(Length);
            _uA = Buffer(Length);
            _mA = Buffer(Length);
            _fromB = Buffer(Length);
            _fromDealer = Buffer(DealerContributes ? Length : 0);
            Rng.Own.Fill(_c.Span);
            Rng.Own.Fill(_uA.Span);
            Rng.Own.Fill(_mA.Span);
            Ring.Add(_c.Span, Chunk(Part), _c.Span);
            Ring.Add(_c.Span, Bias, _c.Span);
            Net.Send(Peer.Next, _c);
            Net.Receive(Peer.Next, _fromB);
            Net.Receive(Peer.Prev, _fromDealer);
        }

        public override void PostRound2()
        {
            Ring.Add(_c.Span, _fromB.Span, _c.Span);
            if (DealerContributes) Ring.Add(_c.Span, _fromDealer.Span, _c.Span);
            _toB = Buffer(Length);
            ShareOfY(_c.Span, _uA.Span, _mA.Span, addPublicTerms: true, _toB.Span);
            var own = Chunk(Result.Own);
            Rng.Own.Fill(own);
            Ring.Subtract(_toB.Span, own, _toB.Span);
            Net.Send(Peer.Next, _toB);
            Net.Receive(Peer.Next, Result.Next, Start, Length);
        }

        public override void Finish() => Ring.Add(Chunk(Result.Next), _toB.Span, Chunk(Result.Next));
    }

    private sealed class PartyB(PartyContext context, int start, int length, NativeArray part, bool dealerContributes, int bits, AShare result)
        : Role(context, start, length, part, dealerContributes, bits, result)
    {
        private NativeArray _c = null!, _fromA = null!, _fromDealer = null!, _toA = null!;

        public override void PostRound1()
        {
            _c = Buffer(Length);
            _fromA = Buffer(Length);
            _fromDealer = Buffer((DealerContributes ? 3 : 2) * Length);
            Rng.Next.Fill(_c.Span);
            Ring.Add(_c.Span, Chunk(Part), _c.Span);
            Net.Send(Peer.Prev, _c);
            Net.Receive(Peer.Prev, _fromA);
            Net.Receive(Peer.Next, _fromDealer);
        }

        public override void PostRound2()
        {
            Ring.Add(_c.Span, _fromA.Span, _c.Span);
            if (DealerContributes) Ring.Add(_c.Span, _fromDealer.Slice(2 * Length, Length), _c.Span);
            _toA = Buffer(Length);
            ShareOfY(_c.Span, _fromDealer.Slice(0, Length), _fromDealer.Slice(Length, Length), addPublicTerms: false, _toA.Span);
            var next = Chunk(Result.Next);
            Rng.Next.Fill(next);
            Ring.Subtract(_toA.Span, next, _toA.Span);
            Net.Send(Peer.Prev, _toA);
            Net.Receive(Peer.Prev, Result.Own, Start, Length);
        }

        public override void Finish() => Ring.Add(Chunk(Result.Own), _toA.Span, Chunk(Result.Own));
    }
}
