using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Puma.Simd.Prg;

/// <summary>
/// AES-128-CTR keystream with AES-NI. Counter blocks are built in registers as
/// (counter + i, streamId) with a 64-bit lane add, so the counter wraps mod 2^64 without
/// touching the stream id. Eight blocks are in flight per iteration: AESENC has a latency of
/// three to four cycles and issues once per cycle on Skylake-class cores (twice on Ice Lake and
/// Zen), so eight independent chains keep the AES units saturated on all of them, and each round
/// key is loaded once per eight blocks. Output goes straight to the destination; nothing is
/// allocated. Only valid where <see cref="Aes.IsSupported"/>.
/// </summary>
internal static class AesNiCtr
{
    private const int BlockBytes = 16;
    private const int BlocksInFlight = 8;

    /// <summary>
    /// Writes the keystream of blocks counter, counter + 1, ... to
    /// <paramref name="byteLength"/> bytes at <paramref name="destination"/>; a partial last
    /// block keeps its leading bytes. Consumes ceil(byteLength / 16) blocks.
    /// </summary>
    public static void Generate(
        ref readonly AesNiRoundKeys keys, ulong counter, ulong streamId, ref byte destination, nuint byteLength)
    {
        ref Vector128<byte> roundKeys = ref Unsafe.AsRef(in keys[0]);
        Vector128<ulong> block = Vector128.Create(counter, streamId);
        nuint fullBlocks = byteLength / BlockBytes;
        nuint offset = 0;

        for (nuint done = 0; done + BlocksInFlight <= fullBlocks; done += BlocksInFlight)
        {
            EncryptEight(ref roundKeys, block, ref Unsafe.Add(ref destination, offset));
            block += Vector128.Create((ulong)BlocksInFlight, 0);
            offset += BlocksInFlight * BlockBytes;
        }

        for (nuint done = fullBlocks / BlocksInFlight * BlocksInFlight; done < fullBlocks; done++)
        {
            EncryptOne(ref roundKeys, block.AsByte()).StoreUnsafe(ref destination, offset);
            block += Vector128.Create(1UL, 0);
            offset += BlockBytes;
        }

        nuint tailBytes = byteLength % BlockBytes;
        if (tailBytes != 0)
        {
            Vector128<byte> last = EncryptOne(ref roundKeys, block.AsByte());
            Unsafe.CopyBlockUnaligned(
                ref Unsafe.Add(ref destination, offset), ref Unsafe.As<Vector128<byte>, byte>(ref last), (uint)tailBytes);
        }
    }

    /// <summary>AES-128 of one 16-byte block under the expanded <paramref name="roundKeys"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> EncryptOne(ref Vector128<byte> roundKeys, Vector128<byte> block)
    {
        block ^= roundKeys;
        for (int round = 1; round < AesNiRoundKeys.Count - 1; round++)
            block = Aes.Encrypt(block, Unsafe.Add(ref roundKeys, round));
        return Aes.EncryptLast(block, Unsafe.Add(ref roundKeys, AesNiRoundKeys.Count - 1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EncryptEight(ref Vector128<byte> roundKeys, Vector128<ulong> first, ref byte destination)
    {
        // One increment register, stepped eight times: fewer live constants keeps every block and
        // the round key in xmm0-15, the only registers AESENC can name without VAES.
        Vector128<ulong> one = Vector128.Create(1UL, 0);
        Vector128<byte> whitening = roundKeys;
        Vector128<ulong> counter = first;
        Vector128<byte> b0 = counter.AsByte() ^ whitening;
        Vector128<byte> b1 = (counter += one).AsByte() ^ whitening;
        Vector128<byte> b2 = (counter += one).AsByte() ^ whitening;
        Vector128<byte> b3 = (counter += one).AsByte() ^ whitening;
        Vector128<byte> b4 = (counter += one).AsByte() ^ whitening;
        Vector128<byte> b5 = (counter += one).AsByte() ^ whitening;
        Vector128<byte> b6 = (counter += one).AsByte() ^ whitening;
        Vector128<byte> b7 = (counter + one).AsByte() ^ whitening;

        for (int round = 1; round < AesNiRoundKeys.Count - 1; round++)
        {
            Vector128<byte> key = Unsafe.Add(ref roundKeys, round);
            b0 = Aes.Encrypt(b0, key);
            b1 = Aes.Encrypt(b1, key);
            b2 = Aes.Encrypt(b2, key);
            b3 = Aes.Encrypt(b3, key);
            b4 = Aes.Encrypt(b4, key);
            b5 = Aes.Encrypt(b5, key);
            b6 = Aes.Encrypt(b6, key);
            b7 = Aes.Encrypt(b7, key);
        }

        Vector128<byte> last = Unsafe.Add(ref roundKeys, AesNiRoundKeys.Count - 1);
        Aes.EncryptLast(b0, last).StoreUnsafe(ref destination, 0 * BlockBytes);
        Aes.EncryptLast(b1, last).StoreUnsafe(ref destination, 1 * BlockBytes);
        Aes.EncryptLast(b2, last).StoreUnsafe(ref destination, 2 * BlockBytes);
        Aes.EncryptLast(b3, last).StoreUnsafe(ref destination, 3 * BlockBytes);
        Aes.EncryptLast(b4, last).StoreUnsafe(ref destination, 4 * BlockBytes);
        Aes.EncryptLast(b5, last).StoreUnsafe(ref destination, 5 * BlockBytes);
        Aes.EncryptLast(b6, last).StoreUnsafe(ref destination, 6 * BlockBytes);
        Aes.EncryptLast(b7, last).StoreUnsafe(ref destination, 7 * BlockBytes);
    }
}
