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

    /// <summary>Fills with a position-dependent pattern (a message of zeros would hide misplaced bytes).</summary>
    public void FillPattern()
    {
        for (long offset = 0; offset < Length; offset += NativeMemoryManager.MaxPartLength)
        {
            var words = MemoryMarshal.Cast<byte, ulong>(new Span<byte>(_pointer + offset, (int)Math.Min(NativeMemoryManager.MaxPartLength, Length - offset)));
            ulong seed = (ulong)offset;
            for (int i = 0; i < words.Length; i++)
                words[i] = (seed + (ulong)i) * 0x9E3779B97F4A7C15UL;
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
