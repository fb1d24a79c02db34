using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Puma.Simd.Prg;

/// <summary>
/// AES-128-CTR keystream through the BCL's <see cref="System.Security.Cryptography.Aes"/>, used
/// only where the JIT cannot emit AES-NI (other CPUs, or DOTNET_EnableHWIntrinsic=0).
/// Chosen over a table-based software AES because the BCL calls the platform library
/// (OpenSSL, CNG, CommonCrypto), which is constant-time — hardware AES, vpaes or bitsliced —
/// whereas T-table lookups leak the secret seed through the cache; and because that library
/// still uses the CPU's AES instructions when only the JIT's intrinsics are switched off.
/// Counter blocks are written into the destination itself and encrypted in place, a chunk at
/// a time so each chunk stays in L2; only a final partial block goes through the stack.
/// </summary>
internal sealed class BclAesCtr : IDisposable
{
    private const int BlockBytes = 16;

    /// <summary>64 KiB per ECB call: amortizes the per-call cipher setup, fits in L2.</summary>
    private const int ChunkBlocks = 4096;

    private readonly System.Security.Cryptography.Aes _aes;

    public BclAesCtr(ReadOnlySpan<byte> key)
    {
        _aes = System.Security.Cryptography.Aes.Create();
        _aes.Key = key.ToArray();
    }

    /// <summary>Same contract as <see cref="AesNiCtr.Generate"/>.</summary>
    public void Generate(ulong counter, ulong streamId, ref byte destination, nuint byteLength)
    {
        nuint fullBlocks = byteLength / BlockBytes;
        nuint offset = 0;
        while (fullBlocks > 0)
        {
            int blocks = (int)Math.Min(fullBlocks, ChunkBlocks);
            Span<byte> chunk = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref destination, offset), blocks * BlockBytes);
            WriteCounterBlocks(chunk, counter, streamId);
            _aes.EncryptEcb(chunk, chunk, PaddingMode.None);
            counter += (ulong)blocks;
            fullBlocks -= (nuint)blocks;
            offset += (nuint)(blocks * BlockBytes);
        }

        int tailBytes = (int)(byteLength % BlockBytes);
        if (tailBytes != 0)
        {
            Span<byte> last = stackalloc byte[BlockBytes];
            WriteCounterBlocks(last, counter, streamId);
            _aes.EncryptEcb(last, last, PaddingMode.None);
            last[..tailBytes].CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref destination, offset), tailBytes));
        }
    }

    public void Dispose() => _aes.Dispose();

    private static void WriteCounterBlocks(Span<byte> blocks, ulong counter, ulong streamId)
    {
        for (int at = 0; at < blocks.Length; at += BlockBytes, counter++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(blocks[at..], counter);
            BinaryPrimitives.WriteUInt64LittleEndian(blocks[(at + 8)..], streamId);
        }
    }
}
