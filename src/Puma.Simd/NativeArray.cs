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

    /// <summary>Whether <see cref="Dispose"/> frees the memory: false for a view of memory owned elsewhere.</summary>
    private readonly bool _owned = true;

    /// <summary>The party meter this allocation is charged to, credited when it is freed.</summary>
    private readonly MemoryMeter? _meter;

    /// <summary>Allocates <paramref name="length"/> zeroed elements.</summary>
    public NativeArray(int length) : this(length, zeroed: true)
    {
    }

    private NativeArray(int length, bool zeroed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        nuint bytes = (nuint)Math.Max(1, length) * sizeof(ulong);
        _pointer = NativeBlockPool.Rent(bytes, zeroed);
        _meter = MemoryMeter.Current;
        _meter?.Charge((long)bytes);
    }

    /// <summary>
    /// Allocates <paramref name="length"/> elements without clearing them, for buffers that a PRG
    /// fill, a receive or a kernel overwrites at once: clearing would double the memory traffic.
    /// The contents are whatever the allocator returns, so every element must be written before
    /// it is read.
    /// </summary>
    public static NativeArray Uninitialized(int length) => new(length, zeroed: false);

    private NativeArray(ulong* pointer, int length)
    {
        Length = length;
        _pointer = pointer;
        _owned = false;
    }

    /// <summary>
    /// A view of <paramref name="length"/> elements at <paramref name="pointer"/>, memory that
    /// something else owns and keeps alive for the view's lifetime (a mapped share file): kernels
    /// read it in place with no copy, and <see cref="Dispose"/> only ends the view.
    /// </summary>
    public static NativeArray View(ulong* pointer, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (pointer == null || (nuint)pointer % Alignment != 0) throw new ArgumentException($"A view must start at a {Alignment}-byte boundary.", nameof(pointer));
        return new NativeArray(pointer, length);
    }

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

    /// <summary>
    /// Overwrites every element with zero and frees the memory: for buffers that held secrets
    /// (seeds, shares), so nothing of them outlives their use in freed memory.
    /// </summary>
    public void WipeAndDispose()
    {
        if (_pointer != null && _owned) NativeMemory.Clear(_pointer, (nuint)Length * sizeof(ulong));
        Dispose();
    }

    /// <summary>Frees the memory; later access throws.</summary>
    public void Dispose()
    {
        if (_pointer != null)
        {
            if (_owned)
            {
                nuint bytes = (nuint)Math.Max(1, Length) * sizeof(ulong);
                NativeBlockPool.Return(_pointer, bytes);
                _meter?.Charge(-(long)bytes);
            }
            _pointer = null;
        }
    }
}
