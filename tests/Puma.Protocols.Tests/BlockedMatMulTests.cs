using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Runtime;
using Puma.Simd;

namespace Puma.Protocols.Tests;

/// <summary>
/// A matrix product adds the components of its smaller operand first: x_i + x_{i+1} whole, or
/// y_i + y_{i+1} a depth block at a time when Y is the smaller and exceeds
/// <see cref="ProtocolConfig.ProductBlockBytes"/>. Ring arithmetic is exact, so every grouping must
/// give the same bits as the product formed in one piece.
/// </summary>
public class BlockedMatMulTests
{
    public static TheoryData<int, int, int, bool, bool, int> Shapes()
    {
        var data = new TheoryData<int, int, int, bool, bool, int>();
        // The first three sum X (the smaller operand); the last two sum Y in blocks.
        foreach (var (m, k, n) in new[] { (1, 37, 11), (5, 37, 11), (6, 40, 3), (50, 37, 3), (45, 40, 1) })
            foreach (var transposeX in new[] { false, true })
                foreach (var transposeY in new[] { false, true })
                    foreach (var depth in new[] { 1, 4 })
                        data.Add(m, k, n, transposeX, transposeY, depth);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BlockedProductIsThePlaintextProduct(int m, int k, int n, bool transposeX, bool transposeY, int depth)
    {
        var shape = new MatMulShape(m, k, n, transposeX, transposeY);
        var (x, y) = Operands(shape);
        var z = Harness.Evaluate([x, y], (c, s) => MatMulAA.MatMul(c, s[0], s[1], shape), Blocked(shape, depth));
        Assert.Equal(FixedPointProductTests.PlainMatMul(x, y, shape), z);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BlockedLocalShareEqualsTheOnePieceProduct(int m, int k, int n, bool transposeX, bool transposeY, int depth)
    {
        var shape = new MatMulShape(m, k, n, transposeX, transposeY);
        var (x, y) = Operands(shape);
        var pairs = ThreePartyRunner.Run(context =>
        {
            using var xs = Input.ShareA(context, 0, context.Id == 0 ? x : [], x.Length);
            using var ys = Input.ShareA(context, 0, context.Id == 0 ? y : [], y.Length);
            using var blocked = NativeArray.Uninitialized(shape.OutputLength);
            MatMulAA.LocalProduct(context, xs, ys, shape, blocked, masked: false);
            return (Blocked: blocked.Span.ToArray(), OnePiece: OnePieceLocalProduct(xs, ys, shape));
        }, Blocked(shape, depth));
        Assert.All(pairs, pair => Assert.Equal(pair.OnePiece, pair.Blocked));
    }

    [Fact]
    public void BlockedProductsCostWhatTheyDeclare()
    {
        foreach (var shape in new[] { new MatMulShape(3, 29, 7, TransposeY: true), new MatMulShape(30, 29, 2, TransposeY: true) })
        {
            var (x, y) = Operands(shape);
            var options = Blocked(shape, 4);
            Assert.Equal(MatMulAA.Cost(shape), Harness.Measure([x, y], (c, s) => MatMulAA.MatMul(c, s[0], s[1], shape).Dispose(), options));
            Assert.Equal(MatMulTruncAA.Cost(shape), Harness.Measure([x, y], (c, s) => MatMulTruncAA.MatMulTrunc(c, s[0], s[1], shape).Dispose(), options));
        }
    }

    [Fact]
    public void ABlockBudgetMustBePositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProtocolConfig { ProductBlockBytes = 0 });
    }

    /// <summary>A budget that fits <paramref name="depth"/> rows of op(Y) and columns of op(X): several blocks, the last one partial.</summary>
    private static RunOptions Blocked(MatMulShape shape, int depth)
        => new() { Config = new ProtocolConfig { ProductBlockBytes = (long)depth * (shape.M + shape.N) * sizeof(ulong) } };

    private static (ulong[] X, ulong[] Y) Operands(MatMulShape shape)
    {
        var random = new Random(shape.M * 1000 + shape.K * 10 + shape.N);
        return (Harness.RandomVector(random, shape.M * shape.K), Harness.RandomVector(random, shape.K * shape.N));
    }

    /// <summary>x_i·(y_i + y_{i+1}) + x_{i+1}·y_i with the whole sum formed first.</summary>
    private static ulong[] OnePieceLocalProduct(AShare x, AShare y, MatMulShape s)
    {
        var sum = new ulong[y.Length];
        var product = new ulong[s.OutputLength];
        Ring.Add(y.Own.Span, y.Next.Span, sum);
        Gemm.Multiply(x.Own.Span, sum, product, s.M, s.K, s.N, s.TransposeX, s.TransposeY, accumulate: true);
        Gemm.Multiply(x.Next.Span, y.Own.Span, product, s.M, s.K, s.N, s.TransposeX, s.TransposeY, accumulate: true);
        return product;
    }
}
