namespace Puma.Simd;

/// <summary>
/// The one way a kernel splits a long range of elements over threads: in contiguous chunks whose
/// starts are multiples of <see cref="Granularity"/> (whole cache lines and pages per thread, so
/// no two threads write one line, and an even start keeps AES-CTR draws on block boundaries), no
/// chunk shorter than <see cref="MinimumChunk"/> (a short vector stays on the calling thread, where
/// waking a worker would cost more than it saves). Every element is processed exactly once by the
/// same code whatever the thread count, so results are bit-identical for any count.
/// </summary>
/// <remarks>
/// The caller takes chunks itself beside the thread-pool workers it wakes, so the call completes
/// even when the pool is starved; after warm-up a call allocates nothing (jobs are pooled).
/// </remarks>
public static class ParallelChunks
{
    /// <summary>Chunk starts are multiples of this many elements (8 KiB of 64-bit words).</summary>
    public const int Granularity = 1024;

    /// <summary>
    /// Fewest elements a chunk gets: 32 Ki words, 256 KiB per operand, tens of microseconds of even
    /// the lightest elementwise pass, well above the few microseconds of waking a pool thread.
    /// </summary>
    public const int MinimumChunk = 32 * Granularity;

    /// <summary>The thread count a setting means: -1 for every core, else the value itself (at least 1).</summary>
    public static int Resolve(int threads)
    {
        if (threads is 0 or < -1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "Must be -1 or positive.");
        return threads == -1 ? Environment.ProcessorCount : threads;
    }

    /// <summary>How many chunks <see cref="For{TBody}"/> cuts <paramref name="length"/> elements into on up to <paramref name="threads"/> threads.</summary>
    public static int ChunkCount(int length, int threads, int minimumChunk = MinimumChunk)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumChunk, 1);
        return (int)Math.Clamp(length / Math.Max(minimumChunk, Granularity), 1, Resolve(threads));
    }

    /// <summary>The range of chunk <paramref name="chunk"/> of <paramref name="chunks"/> over <paramref name="length"/> elements.</summary>
    public static (int Start, int Length) ChunkOf(int length, int chunks, int chunk)
    {
        int units = (length + Granularity - 1) / Granularity;
        int start = Math.Min(length, (int)((long)units * chunk / chunks) * Granularity);
        int end = chunk == chunks - 1 ? length : Math.Min(length, (int)((long)units * (chunk + 1) / chunks) * Granularity);
        return (start, end - start);
    }

    /// <summary>
    /// Runs <paramref name="body"/> over [0, <paramref name="length"/>) on up to
    /// <paramref name="threads"/> threads (-1: every core) and returns when every chunk is done.
    /// An exception from a chunk is rethrown here.
    /// </summary>
    public static void For<TBody>(int length, int threads, in TBody body, int minimumChunk = MinimumChunk)
        where TBody : struct, IChunkBody
    {
        int chunks = ChunkCount(length, threads, minimumChunk);
        if (chunks == 1)
        {
            if (length > 0) body.Run(0, length);
            return;
        }
        ChunkJob<TBody>.Run(body, length, chunks);
    }
}
