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
    /// <summary>c = draw + part + constant, a block at a time.</summary>
    public readonly struct MaskedPart(AesCtrPrg mask, ulong counter, ulong* part, ulong constant, ulong* c) : IChunkBody
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
            }
        }
    }

    /// <summary>The dealer's masks: mA and rB drawn per block beside u and m (<see cref="TruncationKernels.DealMasks"/>).</summary>
    public readonly struct DealMasks(AesCtrPrg mAStream, ulong mACounter, AesCtrPrg rBStream, ulong rBCounter, ulong* u, ulong* m, int bits) : IChunkBody
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
                mAStream.FillFrom(mACounter + offset, mA.Slice(0, blockLength));
                rBStream.FillFrom(rBCounter + offset, rB.Slice(0, blockLength));
                TruncationKernels.DealMasks(new Span<ulong>(u + at, blockLength), new Span<ulong>(m + at, blockLength), rB.Slice(0, blockLength), mA.Slice(0, blockLength), bits);
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
