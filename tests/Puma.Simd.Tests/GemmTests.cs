namespace Puma.Simd.Tests;

/// <summary>
/// Checks <see cref="Gemm"/> against an independent naive product: every micro-kernel the CPU
/// supports, all transpose combinations, overwrite and accumulate, every tile remainder, and the
/// threaded split against the single-threaded result.
/// </summary>
public class GemmTests
{
    private static readonly ulong[] EdgeValues = [0, 1, ulong.MaxValue, 1UL << 63, (1UL << 32) - 1, 1UL << 32, 0xFFFF_FFFF_0000_0001];

    public static TheoryData<int> SupportedKernels()
    {
        var data = new TheoryData<int>();
        foreach (GemmKernel kernel in Enum.GetValues<GemmKernel>())
            if (Gemm.IsSupported(kernel)) data.Add((int)kernel);
        return data;
    }

    public static TheoryData<bool, bool, bool> TransposesAndAccumulate()
    {
        var data = new TheoryData<bool, bool, bool>();
        foreach (bool transposeA in new[] { false, true })
            foreach (bool transposeB in new[] { false, true })
                foreach (bool accumulate in new[] { false, true })
                    data.Add(transposeA, transposeB, accumulate);
        return data;
    }

    [Theory]
    [MemberData(nameof(SupportedKernels))]
    public void EveryRemainderOfSmallShapesMatchesReference(int kernel)
    {
        var random = new Random(kernel);
        for (int m = 0; m <= 33; m++)
        {
            for (int n = 0; n <= 33; n++)
            {
                int k = (5 * m + 3 * n) % 34;
                int variant = (m + 2 * n) % 8;
                AssertMatchesReference(random, m, k, n, (variant & 1) != 0, (variant & 2) != 0, (variant & 4) != 0, 1, (GemmKernel)kernel);
            }
        }
    }

    [Theory]
    [MemberData(nameof(SupportedKernels))]
    public void EveryRemainderOfSharedDimensionMatchesReference(int kernel)
    {
        var random = new Random(100 + kernel);
        for (int k = 0; k <= 40; k++)
            AssertMatchesReference(random, 9 + k % 3, k, 17 + k % 5, k % 2 == 1, k % 4 >= 2, k % 3 == 0, 1, (GemmKernel)kernel);
    }

    [Theory]
    [MemberData(nameof(TransposesAndAccumulate))]
    public void LargerShapesAcrossBlocksMatchReferenceOnEveryKernel(bool transposeA, bool transposeB, bool accumulate)
    {
        var random = new Random(7);
        foreach (GemmKernel kernel in Enum.GetValues<GemmKernel>())
        {
            if (!Gemm.IsSupported(kernel)) continue;
            AssertMatchesReference(random, 129, 270, 67, transposeA, transposeB, accumulate, 1, kernel);
            AssertMatchesReference(random, 9, 300, 1100, transposeA, transposeB, accumulate, 1, kernel);
        }
    }

    [Theory]
    [MemberData(nameof(TransposesAndAccumulate))]
    public void PublicEntryPointMatchesReference(bool transposeA, bool transposeB, bool accumulate)
    {
        var random = new Random(11);
        ulong[] a = RandomValues(random, 129 * 770);
        ulong[] b = RandomValues(random, 770 * 67);
        ulong[] initial = RandomValues(random, 129 * 67);
        ulong[] expected = Reference(a, b, accumulate ? initial : null, 129, 770, 67, transposeA, transposeB);
        ulong[] actual = (ulong[])initial.Clone();

        Gemm.Multiply(a, b, actual, 129, 770, 67, transposeA, transposeB, accumulate);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void TransformerSizedProductMatchesReference()
    {
        var random = new Random(3);
        ulong[] a = RandomValues(random, 128 * 768);
        ulong[] b = RandomValues(random, 768 * 768);
        ulong[] expected = Reference(a, b, null, 128, 768, 768, false, false);
        ulong[] actual = new ulong[128 * 768];

        Gemm.Multiply(a, b, actual, 128, 768, 768);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(40, 300, 700)]
    [InlineData(515, 200, 33)]
    public void ThreadedSplitsMatchSingleThreaded(int m, int k, int n)
    {
        var random = new Random(m);
        ulong[] a = RandomValues(random, m * k);
        ulong[] b = RandomValues(random, k * n);
        ulong[] initial = RandomValues(random, m * n);
        ulong[] single = (ulong[])initial.Clone();
        Gemm.Multiply(a, b, single, m, k, n, false, true, true, maxDegreeOfParallelism: 1);
        Assert.Equal(Reference(a, b, initial, m, k, n, false, true), single);

        foreach (int threads in new[] { -1, 2, 3, 7 })
        {
            ulong[] threaded = (ulong[])initial.Clone();
            Gemm.Multiply(a, b, threaded, m, k, n, false, true, true, threads);
            Assert.Equal(single, threaded);
        }
    }

    /// <summary>
    /// Products of a few rows stream B instead of packing it (<see cref="SmallRowsProduct"/>):
    /// every transpose, overwrite and accumulate, widths across its column blocks and vector
    /// remainders, and any thread count, against the reference.
    /// </summary>
    [Theory]
    [MemberData(nameof(TransposesAndAccumulate))]
    public void ProductsOfAFewRowsMatchReferenceForAnyThreadCount(bool transposeA, bool transposeB, bool accumulate)
    {
        var random = new Random(19);
        foreach (int m in new[] { 1, 2, 3, 4, 5, 8, 9 })
            foreach (var (k, n) in new[] { (1, 1), (7, 13), (33, 511), (64, 512), (130, 1025), (3, 1600) })
                foreach (int threads in new[] { 1, 2, 3 })
                    AssertMatchesReference(random, m, k, n, transposeA, transposeB, accumulate, threads, Gemm.BestKernel);
    }

    [Fact]
    public void EmptySharedDimensionClearsOrKeepsC()
    {
        ulong[] c = [1, 2, 3, 4, 5, 6];

        Gemm.Multiply([], [], c, 2, 0, 3, accumulate: true);
        Assert.Equal([1UL, 2, 3, 4, 5, 6], c);

        Gemm.Multiply([], [], c, 2, 0, 3);
        Assert.Equal(new ulong[6], c);
    }

    [Fact]
    public void MismatchedShapesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(new ulong[6], new ulong[6], new ulong[4], 2, 3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply([], [], [], -1, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply([], [], [], 0, 0, 0, false, false, false, 0));
    }

    private static void AssertMatchesReference(
        Random random, int m, int k, int n, bool transposeA, bool transposeB, bool accumulate, int threads, GemmKernel kernel)
    {
        ulong[] a = RandomValues(random, m * k);
        ulong[] b = RandomValues(random, k * n);
        ulong[] initial = RandomValues(random, m * n);
        ulong[] expected = Reference(a, b, accumulate ? initial : null, m, k, n, transposeA, transposeB);
        ulong[] actual = (ulong[])initial.Clone();

        Gemm.Multiply(a, b, actual, m, k, n, transposeA, transposeB, accumulate, threads, kernel);

        Assert.True(expected.AsSpan().SequenceEqual(actual),
            $"{kernel} m={m} k={k} n={n} transposeA={transposeA} transposeB={transposeB} accumulate={accumulate}");
    }

    /// <summary>Random words with about one in six replaced by a carry-provoking edge value.</summary>
    private static ulong[] RandomValues(Random random, int length)
    {
        var values = new ulong[length];
        for (int i = 0; i < length; i++)
            values[i] = random.Next(6) == 0 ? EdgeValues[random.Next(EdgeValues.Length)] : (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
        return values;
    }

    /// <summary>Textbook product: materialise op(A) and op(B) row-major, then sum row by row.</summary>
    private static ulong[] Reference(ulong[] a, ulong[] b, ulong[]? initial, int m, int k, int n, bool transposeA, bool transposeB)
    {
        var opA = new ulong[m * k];
        var opB = new ulong[k * n];
        for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++) opA[i * k + p] = transposeA ? a[p * m + i] : a[i * k + p];
        for (int p = 0; p < k; p++)
            for (int j = 0; j < n; j++) opB[p * n + j] = transposeB ? b[j * k + p] : b[p * n + j];

        ulong[] c = initial is null ? new ulong[m * n] : (ulong[])initial.Clone();
        for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++)
            {
                ulong left = opA[i * k + p];
                for (int j = 0; j < n; j++) c[i * n + j] += left * opB[p * n + j];
            }
        return c;
    }
}
