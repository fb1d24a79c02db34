using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Puma.Simd.Prg;

/// <summary>
/// The eleven AES-128 round keys, expanded once per key with AESKEYGENASSIST so that the
/// counter-mode kernel only loads them. Only valid where <see cref="Aes.IsSupported"/>.
/// </summary>
[InlineArray(Count)]
internal struct AesNiRoundKeys
{
    /// <summary>Round keys of AES-128: the cipher key plus one per round.</summary>
    public const int Count = 11;

    private Vector128<byte> _first;

    /// <summary>FIPS-197 §5.2 key expansion; the round constants must be immediates.</summary>
    public static AesNiRoundKeys Expand(ReadOnlySpan<byte> key)
    {
        var keys = default(AesNiRoundKeys);
        Vector128<byte> k = Vector128.Create(key);
        keys[0] = k;
        keys[1] = k = Next(k, Aes.KeygenAssist(k, 0x01));
        keys[2] = k = Next(k, Aes.KeygenAssist(k, 0x02));
        keys[3] = k = Next(k, Aes.KeygenAssist(k, 0x04));
        keys[4] = k = Next(k, Aes.KeygenAssist(k, 0x08));
        keys[5] = k = Next(k, Aes.KeygenAssist(k, 0x10));
        keys[6] = k = Next(k, Aes.KeygenAssist(k, 0x20));
        keys[7] = k = Next(k, Aes.KeygenAssist(k, 0x40));
        keys[8] = k = Next(k, Aes.KeygenAssist(k, 0x80));
        keys[9] = k = Next(k, Aes.KeygenAssist(k, 0x1B));
        keys[10] = Next(k, Aes.KeygenAssist(k, 0x36));
        return keys;
    }

    /// <summary>
    /// One expansion step: each word of the next key is the running XOR of the previous key's
    /// words (prefix XOR via three byte shifts) with RotWord(SubWord(w3)) ^ rcon broadcast.
    /// </summary>
    private static Vector128<byte> Next(Vector128<byte> key, Vector128<byte> assist)
    {
        Vector128<byte> rotated = Sse2.Shuffle(assist.AsUInt32(), 0xFF).AsByte();
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        return key ^ rotated;
    }
}
