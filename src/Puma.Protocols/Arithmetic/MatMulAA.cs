using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Arithmetic;

/// <summary>
/// Product of two shared matrices (PROTOCOLS.md §4): Z_i = X_i·(Y_i + Y_{i+1}) + X_{i+1}·Y_i + alpha_i,
/// two local ring GEMMs per party, then P_i sends Z_i to prev(i).
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

    /// <summary>This party's additive share of X·Y, masked by a zero share unless the caller masks it itself (see <see cref="MulAA.LocalProduct"/>).</summary>
    internal static void LocalProduct(PartyContext context, AShare x, AShare y, MatMulShape shape, NativeArray destination, bool masked = true)
    {
        shape.Validate(x.Length, y.Length, destination.Length);
        if (masked) context.Randomness.ZeroShare(destination.Span);
        else destination.Span.Clear();
        var ySum = context.Buffers.Rent(y.Length);
        try
        {
            Ring.Add(y.Own.Span, y.Next.Span, ySum.Span);
            int threads = context.Config.KernelThreads;
            shape.Multiply(x.Own.Span, ySum.Span, destination.Span, threads);
            shape.Multiply(x.Next.Span, y.Own.Span, destination.Span, threads);
        }
        finally
        {
            context.Buffers.Return(ySum);
        }
    }
}
