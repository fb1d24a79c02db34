using Puma.Models.Reference;
using Puma.Protocols.Functions.Reference;

namespace Puma.Models.Tests;

public sealed class PlainMathTests
{
    /// <summary>Reference values of erf (CPython's math.erf, itself correct to about 1 ulp).</summary>
    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(1e-10, 1.1283791670955126e-10)]
    [InlineData(0.1, 0.1124629160182849)]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(1.0, 0.8427007929497149)]
    [InlineData(2.0, 0.9953222650189527)]
    [InlineData(2.4999, 0.9995928300996666)]
    [InlineData(2.5, 0.999593047982555)]
    [InlineData(0.46875, 0.49261347321793797)]
    [InlineData(0.47, 0.4937450508860821)]
    [InlineData(3.0, 0.9999779095030014)]
    [InlineData(3.99, 0.9999999832607886)]
    [InlineData(4.5, 0.9999999998033839)]
    [InlineData(5.9, 0.9999999999999999)]
    [InlineData(-0.7, -0.6778011938374184)]
    [InlineData(-8.0, -1.0)]
    public void ErfMatchesReferenceToDoublePrecision(double x, double expected) =>
        Assert.True(Math.Abs(PlainMath.Erf(x) - expected) <= 1e-15 * Math.Max(Math.Abs(expected), 1e-300) + 1e-300,
            $"erf({x}) = {PlainMath.Erf(x):R}, expected {expected:R}");

    [Theory]
    [InlineData(0.46875)]
    [InlineData(4.0)]
    [InlineData(6.0)]
    public void ErfIsContinuousWhereTheMethodChanges(double boundary)
    {
        var below = PlainMath.Erf(Math.BitDecrement(boundary));
        var above = PlainMath.Erf(boundary);
        Assert.True(Math.Abs(above - below) < 1e-15, $"jump {above - below:E2} at {boundary}");
    }

    [Fact]
    public void GeluVariantsMatchKnownValues()
    {
        Assert.Equal(0.8413447460685429, PlainMath.GeluExact(1.0), 15);
        Assert.Equal(-0.15865525393145707, PlainMath.GeluExact(-1.0), 15);
        Assert.Equal(0.8411919906082768, PlainMath.GeluTanh(1.0), 15);
    }

    [Fact]
    public void LayerNormAndSoftmaxNormalize()
    {
        double[] x = [1, 2, 3, 4, 10, 10, 10, 14];
        PlainMath.LayerNorm(x, [1, 1, 1, 1], [0, 0, 0, 0], 0);
        Assert.Equal(0, x[..4].Sum(), 12);
        Assert.Equal(4, x[..4].Sum(v => v * v), 12);
        Assert.Equal(Math.Sqrt(3), x[7], 12);

        double[] row = [1000, 1001, 999];
        PlaintextReference.Softmax(row);
        Assert.Equal(1, row.Sum(), 15);
        Assert.True(row[1] > row[0] && row[0] > row[2]);
    }

    [Fact]
    public void MatMulLayoutsAgree()
    {
        double[] a = [1, 2, 3, 4, 5, 6];
        double[] b = [1, 0, 2, 1, 0, 3];
        double[] bTransposed = [1, 2, 0, 0, 1, 3];
        Assert.Equal([5, 11, 14, 23], PlainMath.MatMul(a, b, 2, 3, 2));
        Assert.Equal([5, 11, 14, 23], PlainMath.MatMulTransposed(a, bTransposed, 2, 3, 2));
    }

    [Theory]
    [InlineData(1, 7, 13)]
    [InlineData(3, 5, 1)]
    [InlineData(4, 9, 3)]
    [InlineData(6, 17, 33)]
    public void BothWeightLayoutsGiveIdenticalBits(int m, int k, int n)
    {
        var random = new Random(m * 1000 + k * 10 + n);
        var a = Enumerable.Range(0, m * k).Select(_ => random.NextDouble() - 0.5).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var viaColumns = PlainMath.MatMul(a, b, m, k, n);
        Assert.Equal(viaColumns, PlainMath.MatMulTransposed(a, PlainMath.Transpose(b, k, n), m, k, n));
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
                Assert.Equal(Enumerable.Range(0, k).Aggregate(0.0, (sum, p) => sum + a[i * k + p] * b[p * n + j]), viaColumns[i * n + j]);
    }
}
