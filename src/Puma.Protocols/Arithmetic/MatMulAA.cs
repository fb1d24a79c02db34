using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Arithmetic;

/// <summary>
/// Product of two shared matrices (PROTOCOLS.md §4): Z_i = X_i·Y_i + X_i·Y_{i+1} + X_{i+1}·Y_i + alpha_i,
/// two local ring GEMMs per party (see <see cref="LocalProduct"/>), then P_i sends Z_i to prev(i).
/// Cost: 1 round, 1 element per party per output element. No truncation: use
/// <see cref="MatMulTruncAA"/> for fixed-point operands.
/// </summary>
public static class MatMulAA
{
    public static ProtocolCost Cost(MatMulShape shape) => new(1, 3L * shape.OutputLength * sizeof(ulong));

    public static AShare MatMul(PartyContext context, AShare x, AShare y, MatMulShape shape)
    {
        using var _ = context.Scope("matmul");
        var z = AShare.Uninitialized(shape.OutputLength);
        context.Run(Steps(context, x, y, shape, z));
        return z;
    }

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare y, MatMulShape shape, AShare z)
    {
        LocalProduct(context, x, y, shape, z.Own);
        context.Net.Send(Peer.Prev, z.Own);
        context.Net.Receive(Peer.Next, z.Next);
        yield return Step.Exchange;
    }

    /// <summary>
    /// This party's additive share of X·Y, x_i·y_i + x_i·y_{i+1} + x_{i+1}·y_i, masked by a zero
    /// share unless the caller masks it itself (see <see cref="MulAA.LocalProduct"/>).
    /// </summary>
    /// <remarks>
    /// Two GEMMs either way; what differs is which operand's two components are added first.
    /// Adding the smaller one, (x_i + x_{i+1})·y_i + x_i·y_{i+1} when X is smaller (activations
    /// times weights), reads each weight component once and writes no weight-sized temporary:
    /// a streamed or vocabulary-sized table costs two passes over memory instead of five. When
    /// Y is the smaller (a long one-hot input times a table), y_i + y_{i+1} is formed a depth
    /// block at a time, rows [k, k + depth) of op(Y), so the temporaries stay within
    /// <see cref="ProtocolConfig.ProductBlockBytes"/>. Ring arithmetic is exact, so every
    /// grouping and block size gives the same bits.
    /// </remarks>
    public static void LocalProduct(PartyContext context, AShare x, AShare y, MatMulShape shape, NativeArray destination, bool masked = true)
    {
        shape.Validate(x.Length, y.Length, destination.Length);
        int threads = context.Config.KernelThreads;
        if (masked) context.Randomness.ZeroShare(destination.Span, threads);
        else destination.Span.Clear();
        if (x.Length <= y.Length) SumLeft(context, x, y, shape, destination);
        else SumRightInBlocks(context, x, y, shape, destination);
    }

    private static void SumLeft(PartyContext context, AShare x, AShare y, MatMulShape shape, NativeArray destination)
    {
        int threads = context.Config.KernelThreads;
        var xSum = NativeArray.Uninitialized(x.Length);
        try
        {
            Ring.Add(x.Own.Span, x.Next.Span, xSum.Span, threads);
            shape.Multiply(xSum.Span, y.Own.Span, destination.Span, threads);
            shape.Multiply(x.Own.Span, y.Next.Span, destination.Span, threads);
        }
        finally
        {
            xSum.Dispose();
        }
    }

    private static void SumRightInBlocks(PartyContext context, AShare x, AShare y, MatMulShape shape, NativeArray destination)
    {
        int threads = context.Config.KernelThreads;
        int depth = DepthBlock(shape, context.Config.ProductBlockBytes);
        bool gathersX = !shape.TransposeX && depth < shape.K;
        var ySum = NativeArray.Uninitialized(depth * shape.N);
        var xBlock = gathersX ? NativeArray.Uninitialized(shape.M * depth) : null;
        try
        {
            for (int start = 0; start < shape.K; start += depth)
            {
                int length = Math.Min(depth, shape.K - start);
                var sum = ySum.Slice(0, length * shape.N);
                SumDepthRange(y.Own.Span, y.Next.Span, sum, shape.K, start, length, innerIsColumns: shape.TransposeY, threads);
                var xRange = DepthRange(x.Own.Span, gathersX ? xBlock!.Slice(0, shape.M * length) : default, shape.K, start, length, innerIsColumns: !shape.TransposeX);
                (shape with { K = length }).Multiply(xRange, sum, destination.Span, threads);
            }
            shape.Multiply(x.Next.Span, y.Own.Span, destination.Span, threads);
        }
        finally
        {
            ySum.Dispose();
            xBlock?.Dispose();
        }
    }

    /// <summary>Rows of op(Y) per block: its sum and the gathered columns of op(X) fit in <paramref name="budgetBytes"/>.</summary>
    private static int DepthBlock(MatMulShape shape, long budgetBytes)
    {
        long elementsPerRow = Math.Max(1L, (long)shape.N + shape.M);
        return (int)Math.Clamp(budgetBytes / sizeof(ulong) / elementsPerRow, 1L, Math.Max(1, shape.K));
    }

    /// <summary>
    /// Inner-dimension indices [start, start + length) of an operand with inner dimension
    /// <paramref name="inner"/>, as a dense block of the same orientation: a slice when the inner
    /// dimension is the operand's rows (or the range is all of it), else copied line by line into
    /// <paramref name="scratch"/>.
    /// </summary>
    private static ReadOnlySpan<ulong> DepthRange(ReadOnlySpan<ulong> source, Span<ulong> scratch, int inner, int start, int length, bool innerIsColumns)
    {
        int width = source.Length / inner;
        if (!innerIsColumns || length == inner) return source.Slice(start * width, length * width);
        for (int line = 0; line < width; line++)
            source.Slice(line * inner + start, length).CopyTo(scratch.Slice(line * length, length));
        return scratch;
    }

    /// <summary><paramref name="a"/> + <paramref name="b"/> on the inner-dimension range of <see cref="DepthRange"/>, written densely to <paramref name="sum"/>.</summary>
    private static void SumDepthRange(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> sum, int inner, int start, int length, bool innerIsColumns, int threads)
    {
        int width = sum.Length / length;
        if (!innerIsColumns || length == inner)
        {
            Ring.Add(a.Slice(start * width, length * width), b.Slice(start * width, length * width), sum, threads);
            return;
        }
        for (int line = 0; line < width; line++)
            Ring.Add(a.Slice(line * inner + start, length), b.Slice(line * inner + start, length), sum.Slice(line * length, length));
    }
}
