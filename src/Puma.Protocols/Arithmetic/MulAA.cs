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
    /// The protocol as a coroutine writing x·y [+ a] into <paramref name="z"/> (distinct from x and
    /// y): with <paramref name="ownAddend"/>, this party's own component of a share a, each party
    /// adds it before the resharing, at no cost.
    /// </summary>
    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare y, AShare z, NativeArray? ownAddend = null)
    {
        LocalProduct(context, x, y, z.Own);
        if (ownAddend is not null) Ring.Add(z.Own.Span, ownAddend.Span, z.Own.Span, context.Config.KernelThreads);
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
    /// on L1-resident data, so memory sees only the four operand reads and one write. Long vectors
    /// are split over <see cref="ProtocolConfig.KernelThreads"/> threads, each drawing its own
    /// part of the zero share, so the result is the same for any thread count.
    /// </remarks>
    internal static void LocalProduct(PartyContext context, AShare x, AShare y, NativeArray destination, bool masked = true)
    {
        if (x.Length != y.Length || destination.Length != x.Length)
            throw new ArgumentException($"Operand lengths differ: {x.Length} and {y.Length}.");
        var randomness = context.Randomness;
        ParallelChunks.For(x.Length, context.Config.KernelThreads, new ProductChunks(randomness, randomness.ZeroShareCounters, x, y, destination, masked));
        if (masked) randomness.SkipZeroShare(x.Length);
    }

    private readonly struct ProductChunks(CorrelatedRandomness randomness, (ulong Own, ulong Next) counters, AShare x, AShare y, NativeArray destination, bool masked) : IChunkBody
    {
        [SkipLocalsInit]
        public void Run(int start, int length)
        {
            Span<ulong> scratch = stackalloc ulong[Block.Length];
            for (int at = start; at < start + length; at += Block.Length)
            {
                int blockLength = Math.Min(Block.Length, start + length - at);
                var z = destination.Slice(at, blockLength);
                if (masked) randomness.ZeroShareBlock(counters, at, z, scratch);
                BlockProduct(x.Own.Slice(at, blockLength), x.Next.Slice(at, blockLength), y.Own.Slice(at, blockLength), y.Next.Slice(at, blockLength), scratch.Slice(0, blockLength), z, accumulate: masked);
            }
        }
    }

    /// <summary>
    /// The replicated product on one block: x_i·(y_i + y_{i+1}) + x_{i+1}·y_i written to, or with
    /// <paramref name="accumulate"/> added to, <paramref name="destination"/>; <paramref name="ySum"/>
    /// is scratch for y_i + y_{i+1}, distinct from the destination.
    /// </summary>
    internal static void BlockProduct(ReadOnlySpan<ulong> xOwn, ReadOnlySpan<ulong> xNext, ReadOnlySpan<ulong> yOwn, ReadOnlySpan<ulong> yNext, Span<ulong> ySum, Span<ulong> destination, bool accumulate)
    {
        Ring.Add(yOwn, yNext, ySum);
        if (accumulate) Ring.MultiplyAdd(xOwn, ySum, destination, destination);
        else Ring.Multiply(xOwn, ySum, destination);
        Ring.MultiplyAdd(xNext, yOwn, destination, destination);
    }
}
