using System.Runtime.CompilerServices;
using Puma.Protocols.Core;
using Puma.Simd;

namespace Puma.Protocols.Arithmetic;

/// <summary>
/// The blocked local passes of <see cref="Truncation"/>, as chunks that <see cref="ParallelChunks"/>
/// spreads over threads. Each chunk draws its own part of a PRG stream with
/// <see cref="AesCtrPrg.FillFrom"/> from the counter the stream had when the pass began, so the
/// values are those of one pass on one thread; the caller moves the stream past the pass.
/// Operands are pinned native memory, valid for the duration of the call.
/// </summary>
internal static unsafe class TruncationChunks
{
    /// <summary>
    /// c = draw + part + constant, a block at a time; with a <c>message</c>, also message = c − d,
    /// d drawn from the same stream at <c>messageCounter</c> (the fill before c's).
    /// </summary>
    public readonly struct MaskedPart(AesCtrPrg mask, ulong counter, ulong* part, ulong constant, ulong* c, ulong* message, ulong messageCounter) : IChunkBody
    {
        public void Run(int start, int length)
        {
            for (int at = start; at < start + length; at += Block.Length)
            {
                int blockLength = Math.Min(Block.Length, start + length - at);
                var block = new Span<ulong>(c + at, blockLength);
                mask.FillFrom(counter + (ulong)at / 2, block);
                Ring.Add(block, new ReadOnlySpan<ulong>(part + at, blockLength), block);
                if (constant != 0) Ring.Add(block, constant, block);
                if (message == null) continue;
                var toPeer = new Span<ulong>(message + at, blockLength);
                mask.FillFrom(messageCounter + (ulong)at / 2, toPeer);
                Ring.Subtract(block, toPeer, toPeer);
            }
        }
    }

    /// <summary>
    /// The dealer's masks (<see cref="TruncationKernels.DealMasks"/>): u, m and mA are the next
    /// three fills of the stream shared with A (each <c>blocks</c> AES blocks), rB one fill of the
    /// stream shared with B; all drawn block by block beside the kernel.
    /// </summary>
    public readonly struct DealMasks(AesCtrPrg withA, ulong counter, ulong blocks, AesCtrPrg withB, ulong rBCounter, ulong* u, ulong* m, int bits) : IChunkBody
    {
        [SkipLocalsInit]
        public void Run(int start, int length)
        {
            Span<ulong> mA = stackalloc ulong[Block.Length];
            Span<ulong> rB = stackalloc ulong[Block.Length];
            for (int at = start; at < start + length; at += Block.Length)
            {
                int blockLength = Math.Min(Block.Length, start + length - at);
                ulong offset = (ulong)at / 2;
                var uBlock = new Span<ulong>(u + at, blockLength);
                var mBlock = new Span<ulong>(m + at, blockLength);
                withA.FillFrom(counter + offset, uBlock);
                withA.FillFrom(counter + blocks + offset, mBlock);
                withA.FillFrom(counter + 2 * blocks + offset, mA.Slice(0, blockLength));
                withB.FillFrom(rBCounter + offset, rB.Slice(0, blockLength));
                TruncationKernels.DealMasks(uBlock, mBlock, rB.Slice(0, blockLength), mA.Slice(0, blockLength), bits);
            }
        }
    }

    /// <summary>Round 2 of A or B: draws the output component and turns c into y_share - drawn (<see cref="TruncationKernels.OpenShareOfY"/>).</summary>
    public readonly struct OpenAndReshare(
        ulong* c, ulong* fromPeer, ulong* fromDealer, ulong* uShare, ulong* mShare,
        AesCtrPrg stream, ulong counter, ulong* drawn, int bits, bool addPublicTerms) : IChunkBody
    {
        public void Run(int start, int length)
        {
            for (int at = start; at < start + length; at += Block.Length)
            {
                int blockLength = Math.Min(Block.Length, start + length - at);
                var z = new Span<ulong>(drawn + at, blockLength);
                stream.FillFrom(counter + (ulong)at / 2, z);
                TruncationKernels.OpenShareOfY(
                    new Span<ulong>(c + at, blockLength), new ReadOnlySpan<ulong>(fromPeer + at, blockLength),
                    fromDealer == null ? default : new ReadOnlySpan<ulong>(fromDealer + at, blockLength),
                    new ReadOnlySpan<ulong>(uShare + at, blockLength), new ReadOnlySpan<ulong>(mShare + at, blockLength), z, bits, addPublicTerms);
            }
        }
    }
}
