using Puma.Simd;

namespace Puma.Protocols.Core;

/// <summary>
/// A party's cache of native buffers for protocol temporaries (masked products, truncation
/// messages). Freshly allocated large buffers cost a page fault per 4 KiB on first touch, because
/// the allocator hands freed memory back to the OS; a protocol that runs layer after layer on
/// tensors of the same shapes reuses them from here instead. Buffers are matched by exact length
/// and come back uninitialized: every element must be written before it is read. Used only on
/// the party's own thread, like the rest of its <see cref="PartyContext"/>.
/// </summary>
public sealed class BufferPool : IDisposable
{
    private readonly Dictionary<int, Stack<NativeArray>> _free = [];
    private readonly long _capacityBytes;
    private long _retainedBytes;

    /// <param name="capacityBytes">Most bytes kept for reuse; buffers returned beyond it are freed.</param>
    public BufferPool(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);
        _capacityBytes = capacityBytes;
    }

    /// <summary>Bytes currently held for reuse.</summary>
    public long RetainedBytes => _retainedBytes;

    /// <summary>A buffer of exactly <paramref name="length"/> elements with unspecified contents; give it back with <see cref="Return(NativeArray)"/>.</summary>
    public NativeArray Rent(int length)
    {
        if (_free.TryGetValue(length, out var stack) && stack.TryPop(out var array))
        {
            _retainedBytes -= Bytes(array);
            return array;
        }
        return NativeArray.Uninitialized(length);
    }

    /// <summary>Keeps <paramref name="array"/> for a later <see cref="Rent"/>, or frees it when the pool is full.</summary>
    public void Return(NativeArray array)
    {
        if (_retainedBytes + Bytes(array) > _capacityBytes)
        {
            array.WipeAndDispose();
            return;
        }
        if (!_free.TryGetValue(array.Length, out var stack)) _free[array.Length] = stack = new Stack<NativeArray>();
        stack.Push(array);
        _retainedBytes += Bytes(array);
    }

    /// <summary>A boolean share over two rented buffers (unspecified contents); give it back with <see cref="Return(BShare)"/> instead of disposing it.</summary>
    public BShare RentBoolean(int length) => new(Rent(length), Rent(length));

    /// <summary>Keeps both components of a share from <see cref="RentBoolean"/> for reuse.</summary>
    public void Return(BShare share)
    {
        Return(share.Own);
        Return(share.Next);
    }

    /// <summary>An arithmetic share over two rented buffers (unspecified contents); give it back with <see cref="Return(AShare)"/> instead of disposing it.</summary>
    public AShare RentArithmetic(int length) => new(Rent(length), Rent(length));

    /// <summary>Keeps both components of a share from <see cref="RentArithmetic"/> for reuse.</summary>
    public void Return(AShare share)
    {
        Return(share.Own);
        Return(share.Next);
    }

    /// <summary>Frees every buffer held, cleared first: they held shares and masks of the run.</summary>
    public void Dispose()
    {
        foreach (var stack in _free.Values)
        {
            foreach (var array in stack) array.WipeAndDispose();
        }
        _free.Clear();
        _retainedBytes = 0;
    }

    private static long Bytes(NativeArray array) => (long)array.Length * sizeof(ulong);
}
