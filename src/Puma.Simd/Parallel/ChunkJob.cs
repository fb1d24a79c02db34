using System.Runtime.ExceptionServices;

namespace Puma.Simd;

/// <summary>
/// One call of <see cref="ParallelChunks.For{TBody}"/> split over threads. Threads take chunks by
/// an atomic counter; the caller waits until every chunk is done, not until every woken worker
/// has run (a late worker finds nothing left). Jobs are pooled per body type and go back to the
/// pool when the caller and every queued work item are finished with them, so a late worker never
/// sees a job reused by another call.
/// </summary>
internal sealed class ChunkJob<TBody> : IThreadPoolWorkItem where TBody : struct, IChunkBody
{
    private static readonly Stack<ChunkJob<TBody>> Pool = new();

    private readonly ManualResetEventSlim _done = new();
    private TBody _body;
    private int _length, _chunks, _nextChunk, _remainingChunks, _references;
    private ExceptionDispatchInfo? _failure;

    public static void Run(in TBody body, int length, int chunks)
    {
        var job = Rent();
        job._body = body;
        job._length = length;
        job._chunks = chunks;
        job._nextChunk = 0;
        job._remainingChunks = chunks;
        job._failure = null;
        job._done.Reset();
        int workers = chunks - 1;
        job._references = workers + 1;
        for (int i = 0; i < workers; i++) ThreadPool.UnsafeQueueUserWorkItem(job, preferLocal: false);
        job.TakeChunks();
        job._done.Wait();
        var failure = job._failure;
        job.Release();
        failure?.Throw();
    }

    void IThreadPoolWorkItem.Execute()
    {
        TakeChunks();
        Release();
    }

    private void TakeChunks()
    {
        int chunk;
        while ((chunk = Interlocked.Increment(ref _nextChunk) - 1) < _chunks)
        {
            try
            {
                var (start, length) = ParallelChunks.ChunkOf(_length, _chunks, chunk);
                _body.Run(start, length);
            }
            catch (Exception error)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(error), null);
            }
            if (Interlocked.Decrement(ref _remainingChunks) == 0) _done.Set();
        }
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _references) != 0) return;
        _body = default;
        lock (Pool) Pool.Push(this);
    }

    private static ChunkJob<TBody> Rent()
    {
        lock (Pool)
        {
            if (Pool.TryPop(out var job)) return job;
        }
        return new ChunkJob<TBody>();
    }
}
