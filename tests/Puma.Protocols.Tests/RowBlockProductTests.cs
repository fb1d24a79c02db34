using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Runtime;
using Puma.Simd;

namespace Puma.Protocols.Tests;

/// <summary>
/// x·Wᵀ with W read a block of rows at a time (<see cref="IRowBlockShare"/>): whether the blocks
/// are views or filled scratch, and however many blocks, the local share is the bits of the product
/// on W's whole share, so the truncated product is the plaintext one within one ulp at the same cost.
/// </summary>
public class RowBlockProductTests
{
    private const int F = FixedPoint.DefaultFractionalBits;

    public static TheoryData<int, int, int, int, bool> Shapes()
    {
        var data = new TheoryData<int, int, int, int, bool>();
        foreach (var (m, k, n) in new[] { (1, 37, 11), (8, 40, 9), (9, 7, 23), (3, 1, 5) })
            foreach (var rowsPerBlock in new[] { 1, 4, 64 })
                foreach (var copies in new[] { false, true })
                    data.Add(m, k, n, rowsPerBlock, copies);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void LocalShareEqualsTheProductOnTheWholeShare(int m, int k, int n, int rowsPerBlock, bool copies)
    {
        var shape = new MatMulShape(m, k, n, TransposeY: true);
        var (x, w) = Operands(shape, scale: 0);
        var pairs = ThreePartyRunner.Run(context =>
        {
            using var xs = Input.ShareA(context, 0, context.Id == 0 ? x : [], x.Length);
            using var ws = Input.ShareA(context, 0, context.Id == 0 ? w : [], w.Length);
            using var byRows = NativeArray.Uninitialized(shape.OutputLength);
            using var whole = NativeArray.Uninitialized(shape.OutputLength);
            RowBlockProduct.LocalProduct(context, xs, Blocks(ws, n, k, copies), m, byRows, masked: false);
            MatMulAA.LocalProduct(context, xs, ws, shape, whole, masked: false);
            return (ByRows: byRows.Span.ToArray(), Whole: whole.Span.ToArray());
        }, Blocked(k, rowsPerBlock));
        Assert.All(pairs, pair => Assert.Equal(pair.Whole, pair.ByRows));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TruncatedProductIsThePlaintextOneWithinOneUlp(int m, int k, int n, int rowsPerBlock, bool copies)
    {
        var shape = new MatMulShape(m, k, n, TransposeY: true);
        var (x, w) = Operands(shape, scale: 24);
        var z = Harness.Evaluate([x, w], (c, s) => MatMulTruncAA.MatMulTrunc(c, s[0], Blocks(s[1], n, k, copies), m), Blocked(k, rowsPerBlock));
        TruncationTests.AssertWithinOneUlp(FixedPointProductTests.PlainMatMul(x, w, shape).Select(v => (long)v >> F).ToArray(), z);
    }

    [Fact]
    public void ItCostsWhatTheProductOnTheWholeShareDeclares()
    {
        var shape = new MatMulShape(5, 29, 13, TransposeY: true);
        var (x, w) = Operands(shape, scale: 24);
        Assert.Equal(MatMulTruncAA.Cost(shape), Harness.Measure([x, w], (c, s) => MatMulTruncAA.MatMulTrunc(c, s[0], Blocks(s[1], 13, 29, copies: true), 5).Dispose(), Blocked(29, 3)));
    }

    [Fact]
    public void OperandsOfOtherShapesAreRefused()
    {
        var (x, w) = Operands(new MatMulShape(2, 3, 4, TransposeY: true), scale: 24);
        Assert.Throws<ArgumentException>(() => Harness.Evaluate([x, w], (c, s) => MatMulTruncAA.MatMulTrunc(c, s[0], Blocks(s[1], 4, 3, copies: false), 3)));
        using var twelve = new AShare(new NativeArray(12), new NativeArray(12));
        Assert.Throws<ArgumentException>(() => new ShareRowBlocks(twelve, 5, 3));
    }

    /// <summary>A block budget of <paramref name="rowsPerBlock"/> rows of both components.</summary>
    private static RunOptions Blocked(int k, int rowsPerBlock)
        => new() { Config = new ProtocolConfig { ProductBlockBytes = 2L * rowsPerBlock * k * sizeof(ulong) } };

    private static IRowBlockShare Blocks(AShare w, int rows, int columns, bool copies)
        => copies ? new CopiedRowBlocks(new ShareRowBlocks(w, rows, columns)) : new ShareRowBlocks(w, rows, columns);

    /// <summary>Values below 2^<paramref name="scale"/> in magnitude (0: any ring element).</summary>
    private static (ulong[] X, ulong[] W) Operands(MatMulShape shape, int scale)
    {
        var random = new Random(shape.M * 1000 + shape.K * 10 + shape.N);
        ulong[] Draw(int length) => scale == 0
            ? Harness.RandomVector(random, length)
            : [.. Enumerable.Range(0, length).Select(_ => (ulong)random.NextInt64(-(1L << scale), 1L << scale))];
        return (Draw(shape.M * shape.K), Draw(shape.N * shape.K));
    }

    /// <summary>Row blocks filled into the caller's scratch (as a bundle regenerates them), not views.</summary>
    private sealed class CopiedRowBlocks(IRowBlockShare source) : IRowBlockShare
    {
        public int Rows => source.Rows;

        public int Columns => source.Columns;

        public ReadOnlySpan<ulong> Read(bool next, int first, int count, Span<ulong> scratch)
        {
            var filled = scratch[..(count * Columns)];
            source.Read(next, first, count, default).CopyTo(filled);
            return filled;
        }
    }
}
