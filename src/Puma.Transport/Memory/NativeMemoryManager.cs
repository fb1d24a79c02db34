using System.Buffers;

namespace Puma.Transport;

/// <summary>
/// Presents native memory (a share buffer) as <see cref="Memory{T}"/> so that it can be sent and
/// received in place. It does not own the memory: the caller frees it, after every operation that
/// uses it has completed.
/// </summary>
public sealed unsafe class NativeMemoryManager : MemoryManager<byte>
{
    /// <summary>Largest part <see cref="Split"/> makes; well under the 2 GiB limit of one <see cref="Memory{T}"/>.</summary>
    public const int MaxPartLength = 1 << 30;

    private readonly byte* _pointer;
    private readonly int _length;

    public NativeMemoryManager(byte* pointer, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (pointer == null && length != 0)
            throw new ArgumentNullException(nameof(pointer));
        _pointer = pointer;
        _length = length;
    }

    /// <summary>
    /// Cuts native memory of any length into consecutive parts of at most
    /// <see cref="MaxPartLength"/> bytes, for <see cref="IScatterGatherChannel"/>.
    /// </summary>
    public static Memory<byte>[] Split(byte* pointer, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var parts = new Memory<byte>[(int)((length + MaxPartLength - 1) / MaxPartLength)];
        for (int i = 0; i < parts.Length; i++)
        {
            long offset = (long)i * MaxPartLength;
            parts[i] = new NativeMemoryManager(pointer + offset, (int)Math.Min(MaxPartLength, length - offset)).Memory;
        }
        return parts;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, _length);
        return new MemoryHandle(_pointer + elementIndex);
    }

    /// <summary>Native memory never moves, so there is nothing to unpin.</summary>
    public override void Unpin() { }

    /// <summary>The memory belongs to the caller, so there is nothing to release.</summary>
    protected override void Dispose(bool disposing) { }
}
