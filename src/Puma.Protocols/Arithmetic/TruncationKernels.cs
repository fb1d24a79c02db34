using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Puma.Protocols.Arithmetic;

/// <summary>
/// The fused elementwise steps of <see cref="Truncation"/>, one pass each over data that its
/// caller keeps in L1 blocks. Vectorised with <see cref="Vector{T}"/> where the hardware
/// accelerates it; integer arithmetic, so every path gives the same bits.
/// </summary>
internal static class TruncationKernels
{
    private const ulong Low63 = (1UL << 63) - 1;

    /// <summary>
    /// The dealer's messages to B: on entry <paramref name="u"/> holds rA and <paramref name="m"/>
    /// holds A's share uA; on exit, with r = rA + rB, <c>u = ((r mod 2^63) &gt;&gt; bits) - uA</c> and
    /// <c>m = (r &gt;&gt; 63) - mA</c>.
    /// </summary>
    public static void DealMasks(Span<ulong> u, Span<ulong> m, ReadOnlySpan<ulong> rB, ReadOnlySpan<ulong> mA, int bits)
    {
        int n = u.Length;
        if (m.Length != n || rB.Length != n || mA.Length != n) ThrowLengths();
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var low63 = new Vector<ulong>(Low63);
            for (; i + Vector<ulong>.Count <= n; i += Vector<ulong>.Count)
            {
                var r = new Vector<ulong>(u[i..]) + new Vector<ulong>(rB[i..]);
                var uA = new Vector<ulong>(m[i..]);
                (Vector.ShiftRightLogical(r & low63, bits) - uA).CopyTo(u[i..]);
                (Vector.ShiftRightLogical(r, 63) - new Vector<ulong>(mA[i..])).CopyTo(m[i..]);
            }
        }
        for (; i < n; i++)
        {
            ulong r = u[i] + rB[i];
            ulong uA = m[i];
            u[i] = ((r & Low63) >> bits) - uA;
            m[i] = (r >> 63) - mA[i];
        }
    }

    /// <summary>
    /// Opens c and turns it into this party's message of round 2: on entry <paramref name="c"/>
    /// holds this party's masked contribution; c + fromPeer + fromDealer is the public
    /// c = x + 2^62 + r. On exit <paramref name="c"/> holds y_share - z, where y_share =
    /// -u_share + 2^(63-d)·(1 - 2·c63)·m_share plus, for A only, the public terms
    /// (c' &gt;&gt; d) + 2^(63-d)·c63 - 2^(62-d). <paramref name="fromDealer"/> is empty when
    /// the dealer contributes nothing.
    /// </summary>
    public static void OpenShareOfY(
        Span<ulong> c, ReadOnlySpan<ulong> fromPeer, ReadOnlySpan<ulong> fromDealer,
        ReadOnlySpan<ulong> uShare, ReadOnlySpan<ulong> mShare, ReadOnlySpan<ulong> z, int bits, bool addPublicTerms)
    {
        if (fromDealer.IsEmpty) OpenShareOfY<NoDealer>(c, fromPeer, fromDealer, uShare, mShare, z, bits, addPublicTerms);
        else OpenShareOfY<WithDealer>(c, fromPeer, fromDealer, uShare, mShare, z, bits, addPublicTerms);
    }

    private static void OpenShareOfY<TDealer>(
        Span<ulong> c, ReadOnlySpan<ulong> fromPeer, ReadOnlySpan<ulong> fromDealer,
        ReadOnlySpan<ulong> uShare, ReadOnlySpan<ulong> mShare, ReadOnlySpan<ulong> z, int bits, bool addPublicTerms)
        where TDealer : IDealerTerm
    {
        int n = c.Length;
        if (fromPeer.Length != n || uShare.Length != n || mShare.Length != n || z.Length != n || (TDealer.Present && fromDealer.Length != n))
            ThrowLengths();
        int high = 63 - bits;
        ulong bias = 1UL << (62 - bits);
        // The public terms as a mask: all ones at A, zero at B.
        ulong publicMask = addPublicTerms ? ulong.MaxValue : 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var low63 = new Vector<ulong>(Low63);
            var biasVector = new Vector<ulong>(bias);
            var publicVector = new Vector<ulong>(publicMask);
            for (; i + Vector<ulong>.Count <= n; i += Vector<ulong>.Count)
            {
                var opened = new Vector<ulong>(c[i..]) + new Vector<ulong>(fromPeer[i..]);
                if (TDealer.Present) opened += new Vector<ulong>(fromDealer[i..]);
                var c63 = Vector.ShiftRightLogical(opened, 63);
                var negate = Vector<ulong>.Zero - c63;
                var m = (new Vector<ulong>(mShare[i..]) ^ negate) - negate;
                var value = Vector.ShiftLeft(m, high) - new Vector<ulong>(uShare[i..]);
                var publicTerms = Vector.ShiftRightLogical(opened & low63, bits) + Vector.ShiftLeft(c63, high) - biasVector;
                value += publicTerms & publicVector;
                (value - new Vector<ulong>(z[i..])).CopyTo(c[i..]);
            }
        }
        for (; i < n; i++)
        {
            ulong opened = c[i] + fromPeer[i];
            if (TDealer.Present) opened += fromDealer[i];
            ulong c63 = opened >> 63;
            ulong negate = 0UL - c63;
            ulong m = (mShare[i] ^ negate) - negate;
            ulong value = (m << high) - uShare[i];
            value += (((opened & Low63) >> bits) + (c63 << high) - bias) & publicMask;
            c[i] = value - z[i];
        }
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLengths() => throw new ArgumentException("Truncation kernel operands differ in length.");

    /// <summary>Whether the dealer forwarded its contribution (fused products): chosen at JIT time.</summary>
    private interface IDealerTerm
    {
        static abstract bool Present { get; }
    }

    private readonly struct NoDealer : IDealerTerm
    {
        public static bool Present => false;
    }

    private readonly struct WithDealer : IDealerTerm
    {
        public static bool Present => true;
    }
}
