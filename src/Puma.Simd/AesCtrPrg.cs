using System.Runtime.InteropServices;

namespace Puma.Simd;

/// <summary>
/// Pseudo-random generator: AES-128 in counter mode under a 16-byte key. Block j of the stream is
/// AES_k(counter_j) with the 128-bit counter block (low 64 bits = counter, high 64 bits = 0,
/// little-endian); each block yields two ring elements. A fill of n elements consumes
/// ceil(n/2) blocks, so two holders of one key stay in lockstep when they draw the same lengths.
/// </summary>
public sealed class AesCtrPrg : IDisposable
{
    private readonly System.Security.Cryptography.Aes _aes;

    public AesCtrPrg(ReadOnlySpan<byte> key, ulong counter = 0)
    {
        if (key.Length != 16) throw new ArgumentException("AES-128 key must be 16 bytes.", nameof(key));
        _aes = System.Security.Cryptography.Aes.Create();
        _aes.Key = key.ToArray();
        Counter = counter;
    }

    /// <summary>Index of the next counter block.</summary>
    public ulong Counter { get; private set; }

    public void Fill(Span<ulong> destination)
    {
        int blocks = (destination.Length + 1) / 2;
        var counters = new ulong[blocks * 2];
        for (int j = 0; j < blocks; j++) counters[2 * j] = Counter + (ulong)j;
        var output = new byte[blocks * 16];
        _aes.EncryptEcb(MemoryMarshal.AsBytes(counters.AsSpan()), output, System.Security.Cryptography.PaddingMode.None);
        MemoryMarshal.Cast<byte, ulong>(output).Slice(0, destination.Length).CopyTo(destination);
        Counter += (ulong)blocks;
    }

    public ulong Next()
    {
        Span<ulong> one = stackalloc ulong[1];
        Fill(one);
        return one[0];
    }

    public void Dispose() => _aes.Dispose();
}
