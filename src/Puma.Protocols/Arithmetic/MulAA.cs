using System.Runtime.CompilerServices;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Arithmetic;

/// <summary>
/// Elementwise product of two arithmetic shares (PROTOCOLS.md §4):
/// z_i = x_i·(y_i + y_{i+1}) + x_{i+1}·y_i + alpha_i, then P_i sends z_i to prev(i).
/// Cost: 1 round, 1 element per party per element. No truncation: use <see cref="MulTruncAA"/>
/// for fixed-point operands.
/// </summary>
public static class MulAA
{
    public static ProtocolCost Cost(int length) => new(1, 3L * length * sizeof(ulong));

    public static AShare Mul(PartyContext context, AShare x, AShare y)
    {
        using var _ = context.Scope("mul");
        var z = AShare.Uninitialized(x.Length);
        context.Run(Steps(context, x, y, z));
        return z;
    }

    /// <summary>
    /// The protocol as a coroutine writing x·y [+ addend] into <paramref name="z"/> (distinct from
    /// x and y): each party adds its own component of the addend before the resharing, at no cost.
    /// </summary>
    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare y, AShare z, AShare? addend = null)
    {
        LocalProduct(context, x, y, z.Own);
        if (addend is not null) Ring.Add(z.Own.Span, addend.Own.Span, z.Own.Span);
        context.Net.Send(Peer.Prev, z.Own);
        context.Net.Receive(Peer.Next, z.Next);
        yield return Step.Exchange;
    }

    /// <summary>
    /// Writes this party's additive (3-out-of-3) share of x·y, masked by a zero share so that it
    /// can be sent: z_i = x_i·(y_i + y_{i+1}) + x_{i+1}·y_i + alpha_i. Without
    /// <paramref name="masked"/> alpha_i is left out, for a caller whose next step masks the share
    /// itself (<see cref="Truncation"/> with a contributing dealer).
    /// </summary>
    /// <remarks>
    /// One cache-blocked pass: per block the zero share, y_i + y_{i+1} and both multiply-adds run
    /// on L1-resident data, so memory sees only the four operand reads and one write.
    /// </remarks>
    [SkipLocalsInit]
    internal static void LocalProduct(PartyContext context, AShare x, AShare y, NativeArray destination, bool masked = true)
    {
        if (x.Length != y.Length || destination.Length != x.Length)
            throw new ArgumentException($"Operand lengths differ: {x.Length} and {y.Length}.");
        Span<ulong> scratch = stackalloc ulong[Block.Length];
        for (int start = 0; start < x.Length; start += Block.Length)
        {
            int length = Block.LengthAt(start, x.Length);
            var z = destination.Slice(start, length);
            var ySum = scratch.Slice(0, length);
            var yOwn = y.Own.Slice(start, length);
            Ring.Add(yOwn, y.Next.Slice(start, length), ySum);
            if (masked)
            {
                context.Randomness.ZeroShare(z);
                Ring.MultiplyAdd(x.Own.Slice(start, length), ySum, z, z);
            }
            else
            {
                Ring.Multiply(x.Own.Slice(start, length), ySum, z);
            }
            Ring.MultiplyAdd(x.Next.Slice(start, length), yOwn, z, z);
        }
    }
}
