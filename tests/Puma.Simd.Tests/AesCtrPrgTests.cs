using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Puma.Simd;

namespace Puma.Simd.Tests;

/// <summary>
/// The PRG against its specification: the BCL's AES-ECB over explicitly built counter blocks.
/// Run under each DOTNET_Enable* setting so every code path is compared with the same reference.
/// </summary>
public sealed class AesCtrPrgTests
{
    private static readonly byte[] Key = Convert.FromHexString("2b7e151628aed2a6abf7158809cf4f3c");

    /// <summary>Keystream of <paramref name="blocks"/> blocks starting at counter block (counter, streamId).</summary>
    private static byte[] ReferenceBytes(byte[] key, ulong counter, ulong streamId, int blocks)
    {
        var plaintext = new byte[blocks * 16];
        for (int j = 0; j < blocks; j++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(plaintext.AsSpan(16 * j), unchecked(counter + (ulong)j));
            BinaryPrimitives.WriteUInt64LittleEndian(plaintext.AsSpan(16 * j + 8), streamId);
        }
        using var aes = Aes.Create();
        aes.Key = key;
        return aes.EncryptEcb(plaintext, PaddingMode.None);
    }

    private static ulong[] ReferenceElements(byte[] key, ulong counter, ulong streamId, int length)
    {
        byte[] bytes = ReferenceBytes(key, counter, streamId, (length + 1) / 2);
        return MemoryMarshal.Cast<byte, ulong>(bytes)[..length].ToArray();
    }

    [Fact]
    public void Fips197AppendixCKnownAnswer()
    {
        // Plaintext 00112233..ff read as the counter block: low half 0x7766554433221100, high half 0xffeeddccbbaa9988.
        byte[] key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
        using var prg = new AesCtrPrg(key, counter: 0x7766554433221100, streamId: 0xffeeddccbbaa9988);
        var block = new byte[16];
        prg.Fill(block);
        Assert.Equal("69C4E0D86A7B0430D8CDB78070B4C55A", Convert.ToHexString(block));
    }

    [Fact]
    public void EveryLengthUpTo256MatchesReference()
    {
        for (int length = 0; length <= 256; length++)
        {
            using var prg = new AesCtrPrg(Key, counter: 5, streamId: 3);
            var actual = new ulong[length];
            prg.Fill(actual);
            Assert.Equal(ReferenceElements(Key, 5, 3, length), actual);
            Assert.Equal(5 + (ulong)(length + 1) / 2, prg.Counter);
        }
    }

    [Fact]
    public void EveryByteLengthUpTo256MatchesReference()
    {
        for (int length = 0; length <= 256; length++)
        {
            using var prg = new AesCtrPrg(Key, counter: 9);
            var actual = new byte[length];
            prg.Fill(actual);
            Assert.Equal(ReferenceBytes(Key, 9, 0, (length + 15) / 16)[..length], actual);
            Assert.Equal(9 + (ulong)(length + 15) / 16, prg.Counter);
        }
    }

    [Fact]
    public void OneMillionElementsMatchReference()
    {
        const int length = 1 << 20;
        using var prg = new AesCtrPrg(Key, counter: 1);
        var actual = new ulong[length];
        prg.Fill(actual);
        Assert.True(ReferenceElements(Key, 1, 0, length).AsSpan().SequenceEqual(actual));
    }

    [Fact]
    public void DefaultCounterAndStreamMatchReference()
    {
        using var prg = new AesCtrPrg(Key);
        var actual = new ulong[37];
        prg.Fill(actual);
        Assert.Equal(ReferenceElements(Key, 0, 0, 37), actual);
    }

    [Fact]
    public void OddLengthsDiscardTheSecondHalfOfTheirLastBlock()
    {
        int[] lengths = [1, 3, 17, 5, 2, 15];
        ulong[] stream = ReferenceElements(Key, 0, 0, 2 * lengths.Sum());
        using var prg = new AesCtrPrg(Key);
        int block = 0;
        foreach (int length in lengths)
        {
            var actual = new ulong[length];
            prg.Fill(actual);
            Assert.Equal(stream.AsSpan(2 * block, length).ToArray(), actual);
            block += (length + 1) / 2;
        }
        Assert.Equal((ulong)block, prg.Counter);
    }

    [Theory]
    [InlineData(ulong.MaxValue, 0UL)]
    [InlineData(ulong.MaxValue - 5, 7UL)]
    [InlineData(ulong.MaxValue - 12, ulong.MaxValue)]
    public void CounterWrapsModulo2To64WithoutTouchingStreamId(ulong counter, ulong streamId)
    {
        using var prg = new AesCtrPrg(Key, counter, streamId);
        var actual = new ulong[41];
        prg.Fill(actual);
        Assert.Equal(ReferenceElements(Key, counter, streamId, 41), actual);
        Assert.Equal(unchecked(counter + 21), prg.Counter);
        Assert.Equal(ReferenceElements(Key, unchecked(counter + 21), streamId, 1)[0], prg.Next());
    }

    [Fact]
    public void SameKeyAndLengthsStayInLockstep()
    {
        var lengths = new Random(7);
        using var alice = new AesCtrPrg(Key, counter: 100);
        using var bob = new AesCtrPrg(Key, counter: 100);
        for (int draw = 0; draw < 50; draw++)
        {
            int length = lengths.Next(0, 70);
            var a = new ulong[length];
            var b = new ulong[length];
            alice.Fill(a);
            bob.Fill(b);
            Assert.Equal(a, b);
            Assert.Equal(alice.Next(), bob.Next());
        }
        Assert.Equal(alice.Counter, bob.Counter);
    }

    [Fact]
    public void DifferentKeysOrStreamIdsGiveDifferentStreams()
    {
        byte[] otherKey = (byte[])Key.Clone();
        otherKey[15] ^= 1;
        using var prg = new AesCtrPrg(Key);
        using var otherKeyPrg = new AesCtrPrg(otherKey);
        using var otherStreamPrg = new AesCtrPrg(Key, streamId: 1);
        var a = new ulong[64];
        var b = new ulong[64];
        var c = new ulong[64];
        prg.Fill(a);
        otherKeyPrg.Fill(b);
        otherStreamPrg.Fill(c);
        Assert.NotEqual(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void NextDrawsTheLowHalfOfEachBlock()
    {
        ulong[] stream = ReferenceElements(Key, 11, 4, 2 * 20);
        using var prg = new AesCtrPrg(Key, counter: 11, streamId: 4);
        for (int block = 0; block < 20; block++) Assert.Equal(stream[2 * block], prg.Next());
        Assert.Equal(31UL, prg.Counter);
    }

    [Fact]
    public void NextAndFillOfOneElementAgree()
    {
        using var viaNext = new AesCtrPrg(Key, counter: 77);
        using var viaFill = new AesCtrPrg(Key, counter: 77);
        var one = new ulong[1];
        for (int draw = 0; draw < 20; draw++)
        {
            viaFill.Fill(one);
            Assert.Equal(one[0], viaNext.Next());
        }
    }

    [Fact]
    public void SkipEqualsDrawingTheSkippedBlocks()
    {
        using var skipping = new AesCtrPrg(Key);
        using var drawing = new AesCtrPrg(Key);
        skipping.Skip(13);
        drawing.Fill(new ulong[26]);
        Assert.Equal(drawing.Next(), skipping.Next());
        Assert.Equal(14UL, skipping.Counter);
    }

    [Fact]
    public void ForkIsKeyedByTheNextBlockAndAgreesAcrossHolders()
    {
        byte[] childKey = ReferenceBytes(Key, 3, 0, 1);
        using var alice = new AesCtrPrg(Key, counter: 3);
        using var bob = new AesCtrPrg(Key, counter: 3);
        using var aliceChild = alice.Fork();
        using var bobChild = bob.Fork();
        Assert.Equal(4UL, alice.Counter);
        var a = new ulong[9];
        var b = new ulong[9];
        aliceChild.Fill(a);
        bobChild.Fill(b);
        Assert.Equal(ReferenceElements(childKey, 0, 0, 9), a);
        Assert.Equal(a, b);
    }

    [Fact]
    public void RejectsKeysThatAreNot16Bytes()
    {
        Assert.Throws<ArgumentException>(() => new AesCtrPrg(new byte[15]));
        Assert.Throws<ArgumentException>(() => new AesCtrPrg(new byte[32]));
    }
}
