using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Core;

/// <summary>
/// The one-round seed agreement of PROTOCOLS.md §3: P_i draws s_i and a public contribution p_i
/// from the OS CSPRNG, sends (s_i, p_i) to prev(i) and p_i to next(i). Afterwards P_i holds
/// s_i, s_{i+1} and the public seed p_0 ^ p_1 ^ p_2. Links are assumed authenticated and
/// encrypted (TLS on TCP), so seeds never cross the network in the clear.
/// </summary>
public static class SeedSetup
{
    private const int SeedWords = 2;

    /// <summary>Elements each party sends: 2 seeds to prev, 1 to next.</summary>
    public const int ElementsSentPerParty = 3 * SeedWords;

    public static CorrelatedRandomness Run(Communicator net)
    {
        using var toPrev = new NativeArray(2 * SeedWords);
        using var toNext = new NativeArray(SeedWords);
        using var fromNext = new NativeArray(2 * SeedWords);
        using var fromPrev = new NativeArray(SeedWords);
        RandomNumberGenerator.Fill(MemoryMarshal.AsBytes(toPrev.Span));
        toPrev.Span.Slice(SeedWords).CopyTo(toNext.Span);

        net.Send(Peer.Prev, toPrev);
        net.Send(Peer.Next, toNext);
        net.Receive(Peer.Next, fromNext);
        net.Receive(Peer.Prev, fromPrev);
        net.Exchange();

        Span<ulong> publicSeed = stackalloc ulong[SeedWords];
        try
        {
            Ring.Xor(toNext.Span, fromNext.Span.Slice(SeedWords), publicSeed);
            Ring.Xor(publicSeed, fromPrev.Span, publicSeed);
            return new CorrelatedRandomness(
                MemoryMarshal.AsBytes(toPrev.Span.Slice(0, SeedWords)),
                MemoryMarshal.AsBytes(fromNext.Span.Slice(0, SeedWords)),
                MemoryMarshal.AsBytes(publicSeed));
        }
        finally
        {
            // The PRGs keep only their round keys: no copy of a seed outlives the setup.
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(publicSeed));
            foreach (var seeds in new[] { toPrev, toNext, fromNext, fromPrev }) CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(seeds.Span));
        }
    }
}
