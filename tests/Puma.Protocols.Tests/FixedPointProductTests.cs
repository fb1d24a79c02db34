using Puma.Protocols.Arithmetic;
using Puma.Protocols.Functions;
using Puma.Simd;

namespace Puma.Protocols.Tests;

public class FixedPointProductTests
{
    private const int F = FixedPoint.DefaultFractionalBits;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(10_000)]
    public void MulTruncIsTheExactProductWithinOneUlp(int length)
    {
        var random = new Random(length);
        // Products must stay below 2^62 before truncation: operands up to 2^30 in magnitude (2^12 in real value).
        var x = Enumerable.Range(0, length).Select(_ => (ulong)random.NextInt64(-(1L << 30), 1L << 30)).ToArray();
        var y = Enumerable.Range(0, length).Select(_ => (ulong)random.NextInt64(-(1L << 30), 1L << 30)).ToArray();
        if (length >= 5)
        {
            (x[0], y[0]) = (0, unchecked((ulong)(-(1L << 30))));
            (x[1], y[1]) = (unchecked((ulong)(-(1L << 30))), unchecked((ulong)(-(1L << 30))));
            (x[2], y[2]) = (1, 1);
            (x[3], y[3]) = (ulong.MaxValue, 1);
        }
        var z = Harness.Evaluate([x, y], (c, s) => MulTruncAA.MulTrunc(c, s[0], s[1]));
        TruncationTests.AssertWithinOneUlp(x.Zip(y, (a, b) => (long)a * (long)b >> F).ToArray(), z);
    }

    [Theory]
    [InlineData(1, 1, 1, false, false)]
    [InlineData(3, 5, 7, false, false)]
    [InlineData(4, 9, 2, true, false)]
    [InlineData(6, 3, 5, false, true)]
    [InlineData(2, 8, 3, true, true)]
    [InlineData(17, 33, 9, false, false)]
    public void MatMulTruncMatchesPlaintext(int m, int k, int n, bool transposeX, bool transposeY)
    {
        var random = new Random(m * 100 + k * 10 + n);
        var x = Enumerable.Range(0, m * k).Select(_ => (ulong)random.NextInt64(-(1L << 24), 1L << 24)).ToArray();
        var y = Enumerable.Range(0, k * n).Select(_ => (ulong)random.NextInt64(-(1L << 24), 1L << 24)).ToArray();
        var shape = new MatMulShape(m, k, n, transposeX, transposeY);
        var z = Harness.Evaluate([x, y], (c, s) => MatMulTruncAA.MatMulTrunc(c, s[0], s[1], shape));
        TruncationTests.AssertWithinOneUlp(PlainMatMul(x, y, shape).Select(v => (long)v >> F).ToArray(), z);
        var exact = Harness.Evaluate([x, y], (c, s) => MatMulAA.MatMul(c, s[0], s[1], shape));
        Assert.Equal(PlainMatMul(x, y, shape), exact);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(7, 128)]
    public void RowScaleTruncIsEachRowTimesItsScaleWithinOneUlp(int rows, int columns)
    {
        var random = new Random(rows * 1000 + columns);
        var x = Enumerable.Range(0, rows * columns).Select(_ => (ulong)random.NextInt64(-(1L << 30), 1L << 30)).ToArray();
        var scales = Enumerable.Range(0, rows).Select(_ => (ulong)random.NextInt64(-(1L << 30), 1L << 30)).ToArray();
        if (rows >= 3)
        {
            // A zero row scale, the largest magnitudes on both sides, and a row scale of 1 ulp.
            (scales[0], scales[1], scales[2]) = (0, unchecked((ulong)(-(1L << 30))), 1);
            x[columns] = unchecked((ulong)(-(1L << 30)));
        }
        var z = Harness.Evaluate([x, scales], (c, s) => RowScaleTruncAA.RowScaleTrunc(c, s[0], s[1], columns));
        TruncationTests.AssertWithinOneUlp(x.Select((v, i) => (long)v * (long)scales[i / columns] >> F).ToArray(), z);
    }

    [Fact]
    public void MeasuredCostsEqualDeclared()
    {
        var shape = new MatMulShape(4, 6, 5);
        var random = new Random(1);
        var x = Harness.RandomVector(random, 24).Select(v => v >> 40).ToArray();
        var y = Harness.RandomVector(random, 30).Select(v => v >> 40).ToArray();
        Assert.Equal(MatMulAA.Cost(shape), Harness.Measure([x, y], (c, s) => MatMulAA.MatMul(c, s[0], s[1], shape).Dispose()));
        Assert.Equal(MatMulTruncAA.Cost(shape), Harness.Measure([x, y], (c, s) => MatMulTruncAA.MatMulTrunc(c, s[0], s[1], shape).Dispose()));
        var v = x.Take(20).ToArray();
        Assert.Equal(MulTruncAA.Cost(20), Harness.Measure([v, v], (c, s) => MulTruncAA.MulTrunc(c, s[0], s[1]).Dispose()));
        Assert.Equal(RowScaleTruncAA.Cost(20), Harness.Measure([v, v.Take(4).ToArray()], (c, s) => RowScaleTruncAA.RowScaleTrunc(c, s[0], s[1], 5).Dispose()));
    }

    internal static ulong[] PlainMatMul(ulong[] x, ulong[] y, MatMulShape s)
    {
        var z = new ulong[s.M * s.N];
        for (int i = 0; i < s.M; i++)
            for (int j = 0; j < s.N; j++)
            {
                ulong sum = 0;
                for (int p = 0; p < s.K; p++)
                    sum += (s.TransposeX ? x[p * s.M + i] : x[i * s.K + p]) * (s.TransposeY ? y[j * s.K + p] : y[p * s.N + j]);
                z[i * s.N + j] = sum;
            }
        return z;
    }
}
