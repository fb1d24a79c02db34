using Puma.Protocols.Compare;

namespace Puma.Protocols.Tests.Compare;

/// <summary>
/// The nibble kernels at every word width (and the dispatching entry points) against a reference
/// built bit by bit from the layout's definition: every length 0..3·64+9, so each width meets full
/// vectors, a scalar tail and extra-bit words that straddle.
/// </summary>
public class NibbleKernelsTests
{
    private const int MaxLength = 3 * 64 + 9;

    [Fact]
    public void CarryKernelsEqualTheReferenceAtEveryWidth() => KernelsEqualTheReference<CarryNibbles>(seed: 1);

    [Fact]
    public void EqualityKernelsEqualTheReferenceAtEveryWidth() => KernelsEqualTheReference<EqualityNibbles>(seed: 2);

    [Fact]
    public void WindowCarryKernelsEqualTheReferenceAtEveryWidth() => KernelsEqualTheReference<WindowCarryNibbles>(seed: 3);

    private static void KernelsEqualTheReference<TCircuit>(int seed) where TCircuit : INibbleCircuit
    {
        var random = new Random(seed);
        var coefficients = Coefficients<TCircuit>();
        for (int length = 0; length <= MaxLength; length++)
        {
            ulong[] own = Words(random, length), next = Words(random, length), n = Words(random, length);
            ulong[] t0 = Words(random, 4 * length), monomials = Words(random, 4 * length);
            var expected = ReferenceMonomials<TCircuit>(own, next, t0);
            foreach (var kernel in MonomialKernels<TCircuit>())
            {
                var actual = (Words: Words(random, 4 * length), Own: Words(random, ExtraWords(length)), Next: Words(random, ExtraWords(length)));
                kernel(own, next, t0, actual.Words, actual.Own, actual.Next);
                Assert.Equal(expected.Words, actual.Words);
                Assert.Equal(expected.Own, actual.Own);
                Assert.Equal(expected.Next, actual.Next);
            }
            foreach (bool addConstant in new[] { false, true })
            {
                var reference = ReferencePart<TCircuit>(coefficients, monomials, n, addConstant);
                foreach (var kernel in PartKernels<TCircuit>())
                {
                    var actual = (Part: Words(random, reference.Part.Length), Monomial: Words(random, ExtraWords(length)), Pair: Words(random, ExtraWords(length)));
                    kernel(monomials, n, addConstant, actual.Part, actual.Monomial, actual.Pair);
                    Assert.Equal(reference.Part, actual.Part);
                    Assert.Equal(reference.Monomial, actual.Monomial);
                    Assert.Equal(reference.Pair, actual.Pair);
                }
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void ThreadedKernelsEqualOneThread(int threads)
    {
        // Long enough for three thread chunks, with a tail that is not a whole extra word.
        int length = 3 * Simd.ParallelChunks.MinimumChunk + Simd.ParallelChunks.Granularity + 37;
        var random = new Random(threads);
        ulong[] own = Words(random, length), next = Words(random, length), n = Words(random, length), t0 = Words(random, 4 * length);
        var single = (Words: new ulong[4 * length], Own: new ulong[ExtraWords(length)], Next: new ulong[ExtraWords(length)]);
        var threaded = (Words: new ulong[4 * length], Own: Words(random, ExtraWords(length)), Next: Words(random, ExtraWords(length)));
        NibbleKernels<CarryNibbles>.WriteMaskedMonomials(own, next, t0, single.Words, single.Own, single.Next);
        NibbleKernels<CarryNibbles>.WriteMaskedMonomials(own, next, t0, threaded.Words, threaded.Own, threaded.Next, threads);
        Assert.Equal(single.Words, threaded.Words);
        Assert.Equal(single.Own, threaded.Own);
        Assert.Equal(single.Next, threaded.Next);
        int packed = BitPacking.PackedLength(length, CarryNibbles.OutputBits);
        var part = (Part: new ulong[packed], Monomial: new ulong[ExtraWords(length)], Pair: new ulong[ExtraWords(length)]);
        var threadedPart = (Part: Words(random, packed), Monomial: Words(random, ExtraWords(length)), Pair: Words(random, ExtraWords(length)));
        NibbleKernels<CarryNibbles>.PartOfCircuit(single.Words, n, true, part.Part, part.Monomial, part.Pair);
        NibbleKernels<CarryNibbles>.PartOfCircuit(single.Words, n, true, threadedPart.Part, threadedPart.Monomial, threadedPart.Pair, threads);
        Assert.Equal(part.Part, threadedPart.Part);
        Assert.Equal(part.Monomial, threadedPart.Monomial);
        Assert.Equal(part.Pair, threadedPart.Pair);
    }

    private delegate void MonomialKernel(ReadOnlySpan<ulong> own, ReadOnlySpan<ulong> next, ReadOnlySpan<ulong> t0, Span<ulong> monomials, Span<ulong> ownExtra, Span<ulong> nextExtra);

    private delegate void PartKernel(ReadOnlySpan<ulong> monomials, ReadOnlySpan<ulong> n, bool addConstant, Span<ulong> part, Span<ulong> monomialExtra, Span<ulong> pairExtra);

    private static MonomialKernel[] MonomialKernels<TCircuit>() where TCircuit : INibbleCircuit =>
    [
        (own, next, t0, monomials, ownExtra, nextExtra) => NibbleKernels<TCircuit>.WriteMaskedMonomials(own, next, t0, monomials, ownExtra, nextExtra),
        NibbleKernels<TCircuit>.WriteMaskedMonomials<ScalarWords>,
        NibbleKernels<TCircuit>.WriteMaskedMonomials<Vector128Words>,
        NibbleKernels<TCircuit>.WriteMaskedMonomials<Vector256Words>,
        NibbleKernels<TCircuit>.WriteMaskedMonomials<Vector512Words>,
    ];

    private static PartKernel[] PartKernels<TCircuit>() where TCircuit : INibbleCircuit =>
    [
        (monomials, n, addConstant, part, monomialExtra, pairExtra) => NibbleKernels<TCircuit>.PartOfCircuit(monomials, n, addConstant, part, monomialExtra, pairExtra),
        NibbleKernels<TCircuit>.PartOfCircuit<ScalarWords>,
        NibbleKernels<TCircuit>.PartOfCircuit<Vector128Words>,
        NibbleKernels<TCircuit>.PartOfCircuit<Vector256Words>,
        NibbleKernels<TCircuit>.PartOfCircuit<Vector512Words>,
    ];

    private static ulong[] Words(Random random, int count) => Enumerable.Range(0, count).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63)).ToArray();

    private static int ExtraWords(int length) => BitPacking.PackedLength(length, 1);

    private static ulong Bit(ulong word, int position) => (word >> position) & 1;

    /// <summary>Word s/4 of element e at (s/4)·L + e; slot s of nibble k at bit 4k + s%4.</summary>
    private static (int Word, int Bit) Slot(int length, int e, int nibble, int slot) => ((slot >> 2) * length + e, 4 * nibble + (slot & 3));

    private static (ulong[] Words, ulong[] Own, ulong[] Next) ReferenceMonomials<TCircuit>(ulong[] own, ulong[] next, ulong[] t0) where TCircuit : INibbleCircuit
    {
        int length = own.Length;
        var words = (ulong[])t0.Clone();
        ulong[] ownExtra = new ulong[ExtraWords(length)], nextExtra = new ulong[ExtraWords(length)];
        for (int e = 0; e < length; e++)
        {
            ulong m = own[e] + next[e];
            ulong a = TCircuit.HolderOperand(m);
            for (int nibble = 0; nibble < 16; nibble++)
            {
                for (int slot = 0; slot < 16; slot++)
                {
                    ulong value = 1;
                    for (int i = 0; i < 4; i++) if ((slot >> i & 1) != 0) value &= Bit(a, 4 * nibble + i);
                    if (slot == 0) value = nibble == 0 && TCircuit.SharesTopBits ? m >> 63 : 0;
                    var (word, bit) = Slot(length, e, nibble, slot);
                    words[word] ^= value << bit;
                }
            }
            ownExtra[e >> 6] |= (t0[e] & 1) << (e & 63);
            nextExtra[e >> 6] |= (words[e] & 1) << (e & 63);
        }
        return (words, ownExtra, nextExtra);
    }

    /// <summary>[plane, nibble position, nibble of B, S]: the coefficient of a^S in output plane q of f(·, B) at that position, from f's truth table.</summary>
    private static ulong[,,,] Coefficients<TCircuit>() where TCircuit : INibbleCircuit
    {
        var table = new ulong[2, 16, 16, 16];
        static ulong Plane(int nibble, int bit) => (nibble >> bit & 1) != 0 ? ulong.MaxValue : 0;
        for (int position = 0; position < 16; position++)
        {
            ulong top = (TCircuit.TopNibbles >> (4 * position) & 1) != 0 ? ulong.MaxValue : 0;
            for (int b = 0; b < 16; b++)
            {
                for (int s = 0; s < 16; s++)
                {
                    for (int p = 0; p < 16; p++)
                    {
                        if ((p & ~s) != 0) continue;
                        var (first, second) = TCircuit.Evaluate(Plane(p, 0), Plane(p, 1), Plane(p, 2), Plane(p, 3), Plane(b, 0), Plane(b, 1), Plane(b, 2), Plane(b, 3), top);
                        table[0, position, b, s] ^= first & 1;
                        table[1, position, b, s] ^= second & 1;
                    }
                }
            }
        }
        return table;
    }

    private static (ulong[] Part, ulong[] Monomial, ulong[] Pair) ReferencePart<TCircuit>(ulong[,,,] coefficients, ulong[] monomials, ulong[] n, bool addConstant) where TCircuit : INibbleCircuit
    {
        int length = n.Length;
        var fields = new ulong[length];
        ulong[] monomialExtra = new ulong[ExtraWords(length)], pairExtra = new ulong[ExtraWords(length)];
        for (int e = 0; e < length; e++)
        {
            ulong b = TCircuit.PairOperand(n[e]);
            for (int nibble = 0; nibble < 16; nibble++)
            {
                int bNibble = (int)(b >> (4 * nibble) & 0xF);
                for (int plane = 0; plane < TCircuit.OutputBits / 16; plane++)
                {
                    ulong sum = 0;
                    for (int slot = 0; slot < 16; slot++)
                    {
                        var (word, bit) = Slot(length, e, nibble, slot);
                        ulong monomial = slot == 0 ? (addConstant ? 1UL : 0) : Bit(monomials[word], bit);
                        sum ^= coefficients[plane, nibble, bNibble, slot] & monomial;
                    }
                    fields[e] |= sum << (16 * plane + nibble);
                }
            }
            monomialExtra[e >> 6] |= (monomials[e] & 1) << (e & 63);
            if (TCircuit.SharesTopBits) pairExtra[e >> 6] |= (n[e] >> 63) << (e & 63);
        }
        var part = new ulong[BitPacking.PackedLength(length, TCircuit.OutputBits)];
        BitPacking.Pack(fields, TCircuit.OutputBits, part);
        return (part, monomialExtra, pairExtra);
    }
}
