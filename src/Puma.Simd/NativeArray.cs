using System.Runtime.InteropServices;

namespace Puma.Simd;

/// <summary>
/// A 64-byte-aligned block of native memory holding ring elements (<see cref="ulong"/>).
/// Share buffers live here so that kernels get aligned loads, the transport can send straight
/// from them, and the GC never moves or scans them. Dispose deterministically.
/// </summary>
public sealed unsafe class NativeArray : IDisposable
{
    /// <summary>Alignment of every allocation: one cache line, one AVX-512 vector.</summary>
    public const int Alignment = 64;

    private ulong* _pointer;

    /// <summary>Allocates <paramref name="length"/> zeroed elements.</summary>
    public NativeArray(int length) : this(length, zeroed: true)
    {
    }

    private NativeArray(int length, bool zeroed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        nuint bytes = (nuint)Math.Max(1, length) * sizeof(ulong);
        _pointer = (ulong*)NativeMemory.AlignedAlloc(bytes, Alignment);
        if (zeroed) NativeMemory.Clear(_pointer, bytes);
    }

    /// <summary>
    /// Allocates <paramref name="length"/> elements without clearing them, for buffers that a PRG
    /// fill, a receive or a kernel overwrites at once: clearing would double the memory traffic.
    /// The contents are whatever the allocator returns, so every element must be written before
    /// it is read.
    /// </summary>
    public static NativeArray Uninitialized(int length) => new(length, zeroed: false);

    /// <summary>Allocates and copies <paramref name="values"/>.</summary>
    public NativeArray(ReadOnlySpan<ulong> values) : this(values.Length, zeroed: false) => values.CopyTo(Span);

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>Address of the first element; valid until <see cref="Dispose"/>.</summary>
    public ulong* Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_pointer == null, this);
            return _pointer;
        }
    }

    /// <summary>The elements as a span.</summary>
    public Span<ulong> Span => new(Pointer, Length);

    /// <summary>A sub-range as a span.</summary>
    public Span<ulong> Slice(int start, int length) => Span.Slice(start, length);

    /// <summary>Copies the elements into a new managed array (tests and small outputs only).</summary>
    public ulong[] ToArray() => Span.ToArray();

    /// <summary>Frees the memory; later access throws.</summary>
    public void Dispose()
    {
        if (_pointer != null)
        {
            NativeMemory.AlignedFree(_pointer);
            _pointer = null;
        }
    }
}
