using Puma.Protocols.Compare;

namespace Puma.Protocols.Tests.Compare;

/// <summary>
/// The word-parallel carry-tree kernels against a per-element reference built from the scalar
/// bit gathers, for every element count up to a few words past each word boundary, on random,
/// all-ones and all-zeros states. Re-run under each ISA setting, this also pins pext/pdep to the
/// scalar fallbacks.
/// </summary>
public class CarryTreeTests
{
    public static TheoryData<int> Levels => [16, 8, 4];

    private static readonly string[] Patterns = ["random", "ones", "zeros"];

    [Fact]
    public void ExtractAndDepositMatchTheScalarLoops()
    {
        var random = new Random(3);
        ulong[] masks = [0, ulong.MaxValue, BitPacking.EvenBits, BitPacking.OddBits, 1UL << 63, 1, 0x8888_8888_8888_8888UL];
        foreach (ulong mask in masks.Concat(Enumerable.Range(0, 200).Select(_ => Word(random))))
        {
            ulong value = Word(random);
            Assert.Equal(BitPacking.ExtractScalar(value, mask), BitPacking.Extract(value, mask));
            Assert.Equal(BitPacking.DepositScalar(value, mask), BitPacking.Deposit(value, mask));
            Assert.Equal(value & mask, BitPacking.Deposit(BitPacking.Extract(value, mask), mask));
        }
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void OperandsMatchThePerElementReference(int groups)
    {
        foreach (string pattern in Patterns)
        {
            for (int n = 0; n <= 3 * 64 / groups + 9; n++)
            {
                var fields = Fields(n, 2 * groups, pattern, seed: n + groups);
                var state = Packed(fields, 2 * groups);
                int words = BitPacking.PackedLength(n, groups);
                var (left, right, high) = (new ulong[words], new ulong[words], new ulong[words]);
                CarryTree.Operands(state, groups, left, right, high);

                var reference = fields.Select(s => Reference(s, groups)).ToArray();
                Assert.Equal(Packed(reference.Select(r => r.Left).ToArray(), groups), left);
                Assert.Equal(Packed(reference.Select(r => r.Right).ToArray(), groups), right);
                Assert.Equal(Packed(reference.Select(r => r.GenerateHigh).ToArray(), groups), high);
            }
        }
    }

    [Fact]
    public void LastOperandsMatchThePerElementReference()
    {
        foreach (string pattern in Patterns)
        {
            for (int n = 0; n <= 3 * 64 + 9; n++)
            {
                var fields = Fields(n, 4, pattern, seed: n);
                var state = Packed(fields, 4);
                int words = BitPacking.PackedLength(n, 1);
                var (left, right, high) = (new ulong[words], new ulong[words], new ulong[words]);
                CarryTree.LastOperands(state, left, right, high);

                Assert.Equal(Packed(fields.Select(s => s >> 3).ToArray(), 1), left);
                Assert.Equal(Packed(fields.Select(s => s & 1).ToArray(), 1), right);
                Assert.Equal(Packed(fields.Select(s => (s >> 1) & 1).ToArray(), 1), high);
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void ThreadedOperandsEqualOneThread(int threads)
    {
        // Enough output words for three thread chunks; odd state lengths leave a partial last word.
        int outputWords = 3 * Simd.ParallelChunks.MinimumChunk + 1000;
        var random = new Random(threads);
        foreach (int groups in (int[])[16, 8, 4, 2])
        {
            int stateWords = groups == 2 ? 4 * outputWords - 1 : 2 * outputWords - 1;
            var state = Enumerable.Range(0, stateWords).Select(_ => Word(random)).ToArray();
            var single = (new ulong[outputWords], new ulong[outputWords], new ulong[outputWords]);
            var threaded = (new ulong[outputWords], new ulong[outputWords], new ulong[outputWords]);
            if (groups == 2)
            {
                CarryTree.LastOperands(state, single.Item1, single.Item2, single.Item3);
                CarryTree.LastOperands(state, threaded.Item1, threaded.Item2, threaded.Item3, threads);
            }
            else
            {
                CarryTree.Operands(state, groups, single.Item1, single.Item2, single.Item3);
                CarryTree.Operands(state, groups, threaded.Item1, threaded.Item2, threaded.Item3, threads);
            }
            Assert.Equal(single.Item1, threaded.Item1);
            Assert.Equal(single.Item2, threaded.Item2);
            Assert.Equal(single.Item3, threaded.Item3);
        }
    }

    /// <summary>The per-element form the kernels replace: G low, P high in a 2·groups-bit field.</summary>
    private static (ulong Left, ulong Right, ulong GenerateHigh) Reference(ulong state, int groups)
    {
        int half = groups / 2;
        ulong low = BitPacking.LowBits(groups);
        ulong g = state & low, p = (state >> groups) & low;
        ulong pHigh = BitPacking.ExtractScalar(p, BitPacking.OddBits);
        ulong gLow = BitPacking.ExtractScalar(g, BitPacking.EvenBits);
        ulong pLow = BitPacking.ExtractScalar(p, BitPacking.EvenBits);
        return (pHigh | (pHigh << half), gLow | (pLow << half), BitPacking.ExtractScalar(g, BitPacking.OddBits));
    }

    private static ulong[] Fields(int n, int width, string pattern, int seed)
    {
        var random = new Random(seed);
        ulong mask = BitPacking.LowBits(width);
        return [.. Enumerable.Range(0, n).Select(_ => pattern switch
        {
            "ones" => mask,
            "zeros" => 0UL,
            _ => Word(random) & mask,
        })];
    }

    private static ulong[] Packed(ulong[] fields, int width)
    {
        var packed = new ulong[BitPacking.PackedLength(fields.Length, width)];
        BitPacking.Pack(fields, width, packed);
        return packed;
    }

    private static ulong Word(Random random) => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
}
