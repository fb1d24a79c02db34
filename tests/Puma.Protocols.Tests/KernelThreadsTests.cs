using Puma.Protocols.Arithmetic;
using Puma.Protocols.Compare;
using Puma.Protocols.Core;
using Puma.Protocols.Runtime;
using Puma.Protocols.Tests.Compare;
using Puma.Simd;

namespace Puma.Protocols.Tests;

/// <summary>
/// Protocols whose local work is split over <see cref="ProtocolConfig.KernelThreads"/>: on
/// vectors long enough that each truncation and comparison chunk (a third of the vector) is cut
/// into several thread chunks, results stay exact (or within truncation's 1 ulp) and the bytes
/// and rounds stay the declared ones. A chunk drawing the wrong part of a PRG stream would make
/// the holders' components disagree and the opened values garbage.
/// </summary>
public class KernelThreadsTests
{
    /// <summary>A third of it spans three thread chunks and a ragged tail.</summary>
    private const int Length = 3 * (3 * ParallelChunks.MinimumChunk + ParallelChunks.Granularity) + 7;

    private static RunOptions WithThreads(int threads) => new() { Config = ProtocolConfig.Default with { KernelThreads = threads } };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ProductsAndTruncationAreExactOnAnyThreadCount(int threads)
    {
        var random = new Random(threads);
        var x = CompareHarness.RandomBetween(random, Length, -(1L << 40), 1L << 40);
        var y = CompareHarness.RandomBetween(random, Length, -(1L << 20), 1L << 20);
        var options = WithThreads(threads);
        Assert.Equal(x.Zip(y, (a, b) => a * b), Harness.Evaluate([x, y], (c, s) => MulAA.Mul(c, s[0], s[1]), options));
        var truncated = Harness.Evaluate([x, y], (c, s) => MulTruncAA.MulTrunc(c, s[0], s[1]), options);
        TruncationTests.AssertWithinOneUlp(x.Zip(y, (a, b) => (long)a * (long)b >> ProtocolConfig.Default.FractionalBits).ToArray(), truncated);
        Assert.Equal(MulTruncAA.Cost(Length), Harness.Measure([x, y], (c, s) => MulTruncAA.MulTrunc(c, s[0], s[1]).Dispose(), options));
        Assert.Equal(MulAA.Cost(Length), Harness.Measure([x, y], (c, s) => MulAA.Mul(c, s[0], s[1]).Dispose(), options));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void MatrixProductIsExactOnAnyThreadCount(int threads)
    {
        // 105,600 outputs: the zero share and the operand sum split into three thread chunks.
        var shape = new MatMulShape(96, 64, 1100);
        var random = new Random(20 + threads);
        var x = Harness.RandomVector(random, shape.M * shape.K);
        var y = Harness.RandomVector(random, shape.K * shape.N);
        var options = WithThreads(threads);
        Assert.Equal(FixedPointProductTests.PlainMatMul(x, y, shape), Harness.Evaluate([x, y], (c, s) => MatMulAA.MatMul(c, s[0], s[1], shape), options));
        Assert.Equal(MatMulAA.Cost(shape), Harness.Measure([x, y], (c, s) => MatMulAA.MatMul(c, s[0], s[1], shape).Dispose(), options));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void LessThanIsExactOnAnyThreadCount(int threads)
    {
        var random = new Random(10 + threads);
        const long bound = 1L << 62;
        var x = CompareHarness.RandomBetween(random, Length, -bound, bound);
        var y = CompareHarness.RandomBetween(random, Length, -bound, bound);
        for (int i = 0; i < 1000; i++) y[i] = x[i] + (ulong)(i % 3) - 1;
        var options = WithThreads(threads);
        var lt = CompareHarness.EvaluateBits([x, y], (c, s) => LessThanA.LessThan(c, s[0], s[1]), options);
        Assert.Equal(x.Zip(y, (a, b) => (long)a < (long)b ? 1UL : 0), lt);
        Assert.Equal(LessThanA.Cost(Length), CompareHarness.Measure([], [x, y], (c, _, s) => LessThanA.LessThan(c, s[0], s[1]).Dispose(), options));
    }
}
