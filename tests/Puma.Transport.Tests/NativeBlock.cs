using System.Runtime.InteropServices;

namespace Puma.Transport.Tests;

/// <summary>A native allocation larger than any managed array, standing in for a share buffer.</summary>
internal sealed unsafe class NativeBlock : IDisposable
{
    private readonly byte* _pointer;

    public NativeBlock(long length)
    {
        Length = length;
        _pointer = (byte*)NativeMemory.Alloc((nuint)length);
    }

    public long Length { get; }

    public Memory<byte>[] Parts() => NativeMemoryManager.Split(_pointer, Length);

    /// <summary>
    /// Fills with random pages, each stamped with its own offset, so that a lost, repeated or
    /// misplaced page is caught (zeros would hide it); copying one random block keeps this fast.
    /// </summary>
    public void FillPattern()
    {
        const int pageLength = 4096, blockLength = 1 << 20;
        byte[] block = new byte[blockLength];
        System.Security.Cryptography.RandomNumberGenerator.Fill(block);
        for (long offset = 0; offset < Length; offset += blockLength)
        {
            var target = new Span<byte>(_pointer + offset, (int)Math.Min(blockLength, Length - offset));
            block.AsSpan(0, target.Length).CopyTo(target);
            for (int page = 0; page + sizeof(long) <= target.Length; page += pageLength)
                MemoryMarshal.Write(target[page..], offset + page);
        }
    }

    public bool ContentEquals(NativeBlock other)
    {
        if (other.Length != Length)
            return false;
        for (long offset = 0; offset < Length; offset += NativeMemoryManager.MaxPartLength)
        {
            int count = (int)Math.Min(NativeMemoryManager.MaxPartLength, Length - offset);
            if (!new Span<byte>(_pointer + offset, count).SequenceEqual(new Span<byte>(other._pointer + offset, count)))
                return false;
        }
        return true;
    }

    public void Dispose() => NativeMemory.Free(_pointer);
}
