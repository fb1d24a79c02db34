using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Puma.Simd.Prg;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace Puma.Simd;

/// <summary>
/// Pseudo-random generator: AES-128 in counter mode under a 16-byte key. Block j of the stream is
/// AES_k(counter block j), where the 128-bit counter block holds the block index in its low 64 bits
/// and the stream id in its high 64 bits, both little-endian; the index wraps mod 2^64 and never
/// carries into the stream id. Each block yields two ring elements (its two little-endian halves).
/// A fill of n elements consumes ceil(n/2) blocks and a fill of n bytes ceil(n/16), discarding the
/// rest of a partial last block, so two holders of one key stay in lockstep when they draw the
/// same lengths. Every code path produces the same bits: AES-NI with eight blocks in flight where
/// the JIT supports it, otherwise the platform's constant-time AES (see <see cref="BclAesCtr"/>).
/// </summary>
public sealed class AesCtrPrg : IDisposable
{
    private const int KeyBytes = 16;
    private const int BlockBytes = 16;

    private AesNiRoundKeys _roundKeys;
    private readonly BclAesCtr? _fallback;

    /// <param name="key">The 16-byte seed shared by the holders of this stream.</param>
    /// <param name="counter">Index of the first block to draw.</param>
    /// <param name="streamId">High half of every counter block: independent streams under one key.</param>
    public AesCtrPrg(ReadOnlySpan<byte> key, ulong counter = 0, ulong streamId = 0)
    {
        if (key.Length != KeyBytes) throw new ArgumentException("AES-128 key must be 16 bytes.", nameof(key));
        if (X86Aes.IsSupported) _roundKeys = AesNiRoundKeys.Expand(key);
        else _fallback = new BclAesCtr(key);
        Counter = counter;
        StreamId = streamId;
    }

    /// <summary>Index of the next counter block.</summary>
    public ulong Counter { get; private set; }

    /// <summary>High 64 bits of every counter block of this stream.</summary>
    public ulong StreamId { get; }

    /// <summary>Fills <paramref name="destination"/> with ring elements; consumes ceil(n/2) blocks.</summary>
    public void Fill(Span<ulong> destination)
    {
        Generate(ref Unsafe.As<ulong, byte>(ref MemoryMarshal.GetReference(destination)), (nuint)destination.Length * sizeof(ulong));
        if (!BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(destination, destination);
    }

    /// <summary>
    /// <see cref="Fill(Span{ulong})"/> split over up to <paramref name="threads"/> threads (-1:
    /// every core): the same elements, the same blocks consumed, whatever the thread count.
    /// </summary>
    public unsafe void Fill(Span<ulong> destination, int threads)
    {
        fixed (ulong* target = destination)
            ParallelChunks.For(destination.Length, threads, new FillChunks(this, Counter, target));
        Skip(BlocksFor(destination.Length));
    }

    /// <summary>
    /// Writes the elements that a fill starting at block <paramref name="counter"/> would draw,
    /// without moving this stream: the way a chunk of a parallel section draws its own part of a
    /// stream. Elements 2j and 2j + 1 of a fill from block c come from block c + j, so the chunk
    /// at even offset s of a fill draws from block c + s/2. Safe to call from several threads at
    /// once, as long as none of them moves the stream meanwhile.
    /// </summary>
    public void FillFrom(ulong counter, Span<ulong> destination)
    {
        Generate(counter, ref Unsafe.As<ulong, byte>(ref MemoryMarshal.GetReference(destination)), (nuint)destination.Length * sizeof(ulong));
        if (!BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(destination, destination);
    }

    /// <summary>Blocks a fill of <paramref name="elements"/> ring elements consumes: ceil(n/2).</summary>
    public static ulong BlocksFor(long elements) => (ulong)((elements + 1) / 2);

    /// <summary>Fills <paramref name="destination"/> with keystream bytes; consumes ceil(n/16) blocks.</summary>
    public void Fill(Span<byte> destination) =>
        Generate(ref MemoryMarshal.GetReference(destination), (nuint)destination.Length);

    /// <summary>Draws one ring element: the low half of the next block, consuming the whole block.</summary>
    public ulong Next()
    {
        if (X86Aes.IsSupported)
        {
            Vector128<byte> block = Vector128.Create(Counter, StreamId).AsByte();
            ref Vector128<byte> roundKeys = ref Unsafe.AsRef(in _roundKeys[0]);
            Counter++;
            return AesNiCtr.EncryptOne(ref roundKeys, block).AsUInt64().ToScalar();
        }
        Span<ulong> one = stackalloc ulong[1];
        Fill(one);
        return one[0];
    }

    /// <summary>Advances past <paramref name="blocks"/> blocks without computing them (wraps mod 2^64).</summary>
    public void Skip(ulong blocks) => Counter += blocks;

    /// <summary>
    /// A new generator keyed by the next block of this stream (consumed), starting at counter 0 with
    /// stream id 0: the way to give a parallel section its own stream. Holders that fork at the same
    /// point of their common stream get equal children.
    /// </summary>
    public AesCtrPrg Fork()
    {
        Span<byte> childKey = stackalloc byte[KeyBytes];
        Fill(childKey);
        return new AesCtrPrg(childKey);
    }

    /// <summary>Clears the expanded round keys (the platform's AES clears its own).</summary>
    public void Dispose()
    {
        _roundKeys = default;
        _fallback?.Dispose();
    }

    private void Generate(ref byte destination, nuint byteLength)
    {
        Generate(Counter, ref destination, byteLength);
        Counter += (ulong)((byteLength + BlockBytes - 1) / BlockBytes);
    }

    private void Generate(ulong counter, ref byte destination, nuint byteLength)
    {
        if (X86Aes.IsSupported) AesNiCtr.Generate(in _roundKeys, counter, StreamId, ref destination, byteLength);
        else
        {
            // The platform's AES object is not documented as thread-safe: chunks take turns.
            lock (_fallback!) _fallback.Generate(counter, StreamId, ref destination, byteLength);
        }
    }

    /// <summary>One chunk of a parallel fill: element e of the fill is element e of the stream from <c>counter</c>.</summary>
    private readonly unsafe struct FillChunks(AesCtrPrg prg, ulong counter, ulong* destination) : IChunkBody
    {
        public void Run(int start, int length) => prg.FillFrom(counter + (ulong)start / 2, new Span<ulong>(destination + start, length));
    }
}
