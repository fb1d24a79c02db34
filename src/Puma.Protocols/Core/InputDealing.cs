using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Puma.Simd;

namespace Puma.Protocols.Core;

/// <summary>
/// The owner's side of seed-compressed input sharing (PROTOCOLS.md §3): x0 = F(k0), x1 = F(k1)
/// from fresh CSPRNG seeds and x2 = x - x0 - x1. P0 gets (k0, k1), P1 gets (k1, x2) and P2 gets
/// (x2, k0): each party's package is a seed message plus, for P1 and P2, the dense x2.
/// Boolean inputs use XOR in place of subtraction: x2 = x ^ F(k0) ^ F(k1).
/// </summary>
public sealed class InputDealing : IDisposable
{
    /// <summary>Elements of one AES-128 seed.</summary>
    public const int SeedWords = 2;

    private InputDealing(NativeArray seeds, NativeArray dense)
    {
        Seeds = seeds;
        Dense = dense;
    }

    /// <summary>k0 then k1.</summary>
    public NativeArray Seeds { get; }

    /// <summary>x2 = x - F(k0) - F(k1).</summary>
    public NativeArray Dense { get; }

    public static InputDealing Create(ReadOnlySpan<ulong> values, bool boolean = false)
    {
        var seeds = new NativeArray(2 * SeedWords);
        RandomNumberGenerator.Fill(MemoryMarshal.AsBytes(seeds.Span));
        var dense = new NativeArray(values);
        using var component = new NativeArray(values.Length);
        for (int c = 0; c < 2; c++)
        {
            Expand(seeds.Span.Slice(c * SeedWords, SeedWords), component.Span);
            if (boolean) Ring.Xor(dense.Span, component.Span, dense.Span);
            else Ring.Subtract(dense.Span, component.Span, dense.Span);
        }
        return new InputDealing(seeds, dense);
    }

    /// <summary>Seed words in party p's package: k0,k1 for P0; k1 for P1; k0 for P2.</summary>
    public static int SeedWordsFor(int party) => party == 0 ? 2 * SeedWords : SeedWords;

    /// <summary>Dense words in party p's package.</summary>
    public static int DenseWordsFor(int party, int length) => party == 0 ? 0 : length;

    /// <summary>Offset of party p's seed words in <see cref="Seeds"/>.</summary>
    public static int SeedOffsetFor(int party) => party == 1 ? SeedWords : 0;

    /// <summary>Payload bytes to deliver the packages of the given parties.</summary>
    public static long BytesFor(IEnumerable<int> parties, int length)
        => parties.Sum(p => (long)(SeedWordsFor(p) + DenseWordsFor(p, length)) * sizeof(ulong));

    /// <summary>Turns party p's package into its components p (<paramref name="own"/>) and p+1 (<paramref name="next"/>).</summary>
    public static void Open(int party, ReadOnlySpan<ulong> seedWords, ReadOnlySpan<ulong> dense, NativeArray own, NativeArray next)
    {
        Component(party, party, seedWords, dense, own.Span);
        Component(party, Parties.Next(party), seedWords, dense, next.Span);
    }

    public void Dispose()
    {
        Seeds.WipeAndDispose();
        Dense.WipeAndDispose();
    }

    private static void Component(int party, int component, ReadOnlySpan<ulong> seedWords, ReadOnlySpan<ulong> dense, Span<ulong> destination)
    {
        if (component == 2)
        {
            dense.CopyTo(destination);
            return;
        }
        // P0's package holds k0 then k1; P1's holds only k1; P2's only k0.
        int offset = party == 0 ? component * SeedWords : 0;
        Expand(seedWords.Slice(offset, SeedWords), destination);
    }

    /// <summary>Writes the component a seed stands for: F(k), the AES-CTR stream of the seed from block 0.</summary>
    public static void Expand(ReadOnlySpan<ulong> seed, Span<ulong> destination)
    {
        using var prg = new AesCtrPrg(MemoryMarshal.AsBytes(seed));
        prg.Fill(destination);
    }
}
