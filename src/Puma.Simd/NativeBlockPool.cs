using System.Runtime.InteropServices;

namespace Puma.Simd;

/// <summary>
/// Freed <see cref="NativeArray"/> blocks kept for the next allocation of the same size.
/// A forward allocates and frees the same large buffers layer after layer, and glibc hands blocks
/// of that size back to the kernel when they are freed (its mmap threshold, and per-thread arena
/// heaps unmapped as soon as they empty), so each came back as fresh pages the kernel faulted in
/// and zeroed: on GPT-2-base, 32 → 1, a third of the request's CPU time was in the kernel and the
/// request took 2.8 s; reusing blocks brought it to 2.1 s. It is the one pool of share buffers:
/// protocols allocate their temporaries as plain <see cref="NativeArray"/>s and dispose them. A
/// pooled block keeps its contents, like memory the C heap reuses, so an uninitialized allocation
/// gets whatever the last owner wrote: every element must be written before it is read. Blocks are
/// wiped when they are freed, so shares and masks do not outlive the run in freed memory.
/// <see cref="NativeHeap.Trim"/> empties the pool.
/// </summary>
internal static unsafe class NativeBlockPool
{
    /// <summary>Blocks under a page stay with glibc, whose small-block free lists recycle them without the kernel.</summary>
    private const nuint SmallestPooled = 4 * 1024;

    /// <summary>At most an eighth of the memory the process may use sits in the pool (a block beyond that is freed), so the pool never competes with the resident weights for memory.</summary>
    private static readonly long Capacity = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 8;

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
        var block = TakePooled(bytes) ?? (nint)NativeMemory.AlignedAlloc(bytes, NativeArray.Alignment);
        if (zeroed) NativeMemory.Clear((void*)block, bytes);
        return (ulong*)block;
    }

    /// <summary>A pooled block of exactly <paramref name="bytes"/>, or null.</summary>
    private static nint? TakePooled(nuint bytes)
    {
        if (bytes < SmallestPooled) return null;
        lock (s_gate)
        {
            if (!s_free.TryGetValue(bytes, out var blocks) || !blocks.TryPop(out var pooled)) return null;
            s_pooledBytes -= (long)bytes;
            return pooled;
        }
    }

    /// <summary>Takes back a block from <see cref="Rent"/>: kept as it is, or wiped and freed when small or the pool is full.</summary>
    public static void Return(ulong* block, nuint bytes)
    {
        if (bytes >= SmallestPooled)
            lock (s_gate)
                if (s_pooledBytes + (long)bytes <= Capacity)
                {
                    if (!s_free.TryGetValue(bytes, out var blocks)) s_free[bytes] = blocks = new Stack<nint>();
                    blocks.Push((nint)block);
                    s_pooledBytes += (long)bytes;
                    return;
                }

        WipeAndFree(block, bytes);
    }

    /// <summary>Wipes and frees every pooled block, and forgets the sizes seen (requests of other lengths bring other sizes).</summary>
    public static void Release()
    {
        List<(nint Block, nuint Bytes)> released = [];
        lock (s_gate)
        {
            foreach (var (bytes, blocks) in s_free)
                foreach (var block in blocks) released.Add((block, bytes));
            s_free.Clear();
            s_pooledBytes = 0;
        }

        foreach (var (block, bytes) in released) WipeAndFree((ulong*)block, bytes);
    }

    /// <summary>Frees a block that held shares or masks, cleared first so nothing of them outlives the run in freed memory.</summary>
    private static void WipeAndFree(ulong* block, nuint bytes)
    {
        NativeMemory.Clear(block, bytes);
        NativeMemory.AlignedFree(block);
    }
}
