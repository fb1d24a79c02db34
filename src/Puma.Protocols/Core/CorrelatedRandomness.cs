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
    public void ZeroShare(Span<ulong> destination) => ZeroShare(destination, xor: false);

    /// <summary>Writes alpha_i = F(s_i) ^ F(s_{i+1}); the three parties' values XOR to zero.</summary>
    public void ZeroShareXor(Span<ulong> destination) => ZeroShare(destination, xor: true);

    /// <remarks>
    /// Drawn block by block (see <see cref="Block"/>) so that F(s_{i+1}) never leaves the L1 cache;
    /// the streams advance exactly as by one fill of the whole destination.
    /// </remarks>
    [SkipLocalsInit]
    private void ZeroShare(Span<ulong> destination, bool xor)
    {
        Span<ulong> scratch = stackalloc ulong[Block.Length];
        for (int start = 0; start < destination.Length; start += Block.Length)
        {
            var block = destination.Slice(start, Block.LengthAt(start, destination.Length));
            var next = scratch.Slice(0, block.Length);
            Own.Fill(block);
            Next.Fill(next);
            if (xor) Ring.Xor(block, next, block);
            else Ring.Subtract(block, next, block);
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
