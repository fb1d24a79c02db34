using System.Runtime.InteropServices;

namespace Puma.Simd;

/// <summary>
/// Freed <see cref="NativeArray"/> blocks kept, wiped, for the next allocation of the same size.
/// A forward allocates and frees the same large buffers layer after layer, and glibc hands blocks
/// of that size back to the kernel when they are freed (its mmap threshold, and per-thread arena
/// heaps unmapped as soon as they empty), so each came back as fresh pages the kernel faulted in
/// and zeroed: on GPT-2-base, 32 → 1, a third of the request's CPU time was in the kernel and the
/// request took 2.8 s; reusing blocks brought it to 1.9 s. A block is wiped when it comes back, so
/// no share outlives its buffer in pooled memory and a zeroed allocation from the pool needs no
/// second pass. <see cref="NativeHeap.Trim"/> empties the pool.
/// </summary>
internal static unsafe class NativeBlockPool
{
    /// <summary>Smaller blocks stay with glibc, whose free lists already recycle them without the kernel.</summary>
    private const nuint SmallestPooled = 64 * 1024;

    /// <summary>At most a quarter of the memory the process may use sits in the pool; a block beyond that is freed.</summary>
    private static readonly long Capacity = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4;

    /// <summary>Guards the pool; held only to push or pop a pointer.</summary>
    private static readonly Lock s_gate = new();

    private static readonly Dictionary<nuint, Stack<nint>> s_free = [];
    private static long s_pooledBytes;

    /// <summary>Bytes the pool holds now.</summary>
    public static long PooledBytes
    {
        get
        {
            lock (s_gate) return s_pooledBytes;
        }
    }

    /// <summary>A block of <paramref name="bytes"/>, 64-byte aligned; all zero when <paramref name="zeroed"/>.</summary>
    public static ulong* Rent(nuint bytes, bool zeroed)
    {
        if (bytes >= SmallestPooled)
            lock (s_gate)
                if (s_free.TryGetValue(bytes, out var blocks) && blocks.TryPop(out var pooled))
                {
                    s_pooledBytes -= (long)bytes;
                    return (ulong*)pooled;
                }

        var block = (ulong*)NativeMemory.AlignedAlloc(bytes, NativeArray.Alignment);
        if (zeroed) NativeMemory.Clear(block, bytes);
        return block;
    }

    /// <summary>Takes back a block from <see cref="Rent"/>: wiped and kept, or freed when small or the pool is full.</summary>
    public static void Return(ulong* block, nuint bytes)
    {
        if (bytes >= SmallestPooled)
        {
            NativeMemory.Clear(block, bytes);
            lock (s_gate)
                if (s_pooledBytes + (long)bytes <= Capacity)
                {
                    if (!s_free.TryGetValue(bytes, out var blocks)) s_free[bytes] = blocks = new Stack<nint>();
                    blocks.Push((nint)block);
                    s_pooledBytes += (long)bytes;
                    return;
                }
        }

        NativeMemory.AlignedFree(block);
    }

    /// <summary>Frees every pooled block, and forgets the sizes seen (requests of other lengths bring other sizes).</summary>
    public static void Release()
    {
        List<nint> released = [];
        lock (s_gate)
        {
            foreach (var blocks in s_free.Values) released.AddRange(blocks);
            s_free.Clear();
            s_pooledBytes = 0;
        }

        foreach (var block in released) NativeMemory.AlignedFree((void*)block);
    }
}
