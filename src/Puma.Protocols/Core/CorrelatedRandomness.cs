using System.Runtime.CompilerServices;
using Puma.Simd;

namespace Puma.Protocols.Core;

/// <summary>
/// Party i's PRG streams (PROTOCOLS.md §3): <see cref="Own"/> is keyed by s_i, which P_i shares
/// with prev(i); <see cref="Next"/> by s_{i+1}, shared with next(i); <see cref="Public"/> by the
/// common seed all three agreed. Component j of any share is drawn from s_j, so the two holders of
/// a component draw it identically without talking. Holders of a seed stay in lockstep because
/// every protocol draws the same lengths in the same order on both sides — and in the same
/// coroutine step, since protocols run together interleave their draws step by step.
/// </summary>
public sealed class CorrelatedRandomness : IDisposable
{
    public CorrelatedRandomness(ReadOnlySpan<byte> ownSeed, ReadOnlySpan<byte> nextSeed, ReadOnlySpan<byte> publicSeed)
    {
        Own = new AesCtrPrg(ownSeed);
        Next = new AesCtrPrg(nextSeed);
        Public = new AesCtrPrg(publicSeed);
    }

    /// <summary>Stream of s_i (shared with prev(i)); draws component i.</summary>
    public AesCtrPrg Own { get; }

    /// <summary>Stream of s_{i+1} (shared with next(i)); draws component i+1.</summary>
    public AesCtrPrg Next { get; }

    /// <summary>Stream known to all three parties.</summary>
    public AesCtrPrg Public { get; }

    /// <summary>Writes alpha_i = F(s_i) - F(s_{i+1}); the three parties' values sum to zero.</summary>
    public void ZeroShare(Span<ulong> destination) => ZeroShare(destination, threads: 1);

    /// <summary><see cref="ZeroShare(Span{ulong})"/> on up to <paramref name="threads"/> threads (-1: every core); the same values for any count.</summary>
    public void ZeroShare(Span<ulong> destination, int threads) => ZeroShare(destination, xor: false, threads);

    /// <summary>Writes alpha_i = F(s_i) ^ F(s_{i+1}); the three parties' values XOR to zero.</summary>
    public void ZeroShareXor(Span<ulong> destination) => ZeroShare(destination, xor: true, threads: 1);

    /// <summary>Where the next zero share's streams start: pass to <see cref="ZeroShareBlock"/>, then <see cref="SkipZeroShare"/>.</summary>
    internal (ulong Own, ulong Next) ZeroShareCounters => (Own.Counter, Next.Counter);

    /// <summary>
    /// Writes the part of a zero share (of a vector starting at <paramref name="counters"/>) that
    /// begins at even element <paramref name="start"/> of the vector: what one chunk of a parallel
    /// section draws, without moving the streams. <paramref name="scratch"/> holds F(s_{i+1}) and is
    /// at least as long as <paramref name="block"/>; keep the block L1-sized.
    /// </summary>
    internal void ZeroShareBlock((ulong Own, ulong Next) counters, int start, Span<ulong> block, Span<ulong> scratch, bool xor = false)
    {
        var next = scratch.Slice(0, block.Length);
        ulong offset = (ulong)start / 2;
        Own.FillFrom(counters.Own + offset, block);
        Next.FillFrom(counters.Next + offset, next);
        if (xor) Ring.Xor(block, next, block);
        else Ring.Subtract(block, next, block);
    }

    /// <summary>Moves both streams past a zero share of <paramref name="length"/> elements drawn by <see cref="ZeroShareBlock"/>.</summary>
    internal void SkipZeroShare(int length)
    {
        Own.Skip(AesCtrPrg.BlocksFor(length));
        Next.Skip(AesCtrPrg.BlocksFor(length));
    }

    /// <remarks>
    /// Drawn block by block (see <see cref="Block"/>) so that F(s_{i+1}) never leaves the L1 cache;
    /// the streams advance exactly as by one fill of the whole destination.
    /// </remarks>
    private unsafe void ZeroShare(Span<ulong> destination, bool xor, int threads)
    {
        fixed (ulong* target = destination)
            ParallelChunks.For(destination.Length, threads, new ZeroShareChunks(this, ZeroShareCounters, target, xor));
        SkipZeroShare(destination.Length);
    }

    private readonly unsafe struct ZeroShareChunks(CorrelatedRandomness randomness, (ulong Own, ulong Next) counters, ulong* destination, bool xor) : IChunkBody
    {
        [SkipLocalsInit]
        public void Run(int start, int length)
        {
            Span<ulong> scratch = stackalloc ulong[Block.Length];
            for (int at = start; at < start + length; at += Block.Length)
                randomness.ZeroShareBlock(counters, at, new Span<ulong>(destination + at, Math.Min(Block.Length, start + length - at)), scratch, xor);
        }
    }

    /// <summary>Fills a replicated share of a random value nobody knows: r_j = F(s_j).</summary>
    public void RandomShare(NativeArray own, NativeArray next)
    {
        Own.Fill(own.Span);
        Next.Fill(next.Span);
    }

    public void Dispose()
    {
        Own.Dispose();
        Next.Dispose();
        Public.Dispose();
    }
}
