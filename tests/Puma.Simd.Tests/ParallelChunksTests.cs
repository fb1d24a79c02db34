namespace Puma.Simd.Tests;

/// <summary>The chunking every threaded kernel shares: each element once, aligned starts, short vectors on one thread.</summary>
public class ParallelChunksTests
{
    public static TheoryData<int, int> LengthsAndThreads => new()
    {
        { 0, 3 }, { 1, 3 }, { 1023, 2 }, { ParallelChunks.MinimumChunk * 2 - 1, 4 }, { ParallelChunks.MinimumChunk * 2, 2 },
        { ParallelChunks.MinimumChunk * 3 + 5, 3 }, { ParallelChunks.MinimumChunk * 7 + 1, 16 },
    };

    [Theory]
    [MemberData(nameof(LengthsAndThreads))]
    public void ChunksCoverEveryElementOnceFromAlignedStarts(int length, int threads)
    {
        int chunks = ParallelChunks.ChunkCount(length, threads);
        Assert.InRange(chunks, 1, threads);
        Assert.Equal(Math.Clamp(length / ParallelChunks.MinimumChunk, 1, threads), chunks);
        int expectedStart = 0;
        for (int chunk = 0; chunk < chunks; chunk++)
        {
            var (start, count) = ParallelChunks.ChunkOf(length, chunks, chunk);
            Assert.Equal(expectedStart, start);
            Assert.Equal(0, start % ParallelChunks.Granularity);
            if (chunks > 1) Assert.True(count >= ParallelChunks.Granularity, $"chunk {chunk} of {length} has {count} elements");
            expectedStart += count;
        }
        Assert.Equal(length, expectedStart);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(-1)]
    public unsafe void ForRunsEveryElementExactlyOnce(int threads)
    {
        // A small minimum chunk so that a short vector still takes many chunks on many threads.
        const int length = 37 * ParallelChunks.Granularity + 11;
        var visits = new int[length];
        fixed (int* counts = visits)
        {
            for (int repeat = 0; repeat < 20; repeat++)
                ParallelChunks.For(length, threads, new CountVisits(counts), minimumChunk: ParallelChunks.Granularity);
        }
        Assert.All(visits, count => Assert.Equal(20, count));
    }

    [Fact]
    public void ForRethrowsAChunksException()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ParallelChunks.For(8 * ParallelChunks.Granularity, 3, new FailAt(5 * ParallelChunks.Granularity), minimumChunk: ParallelChunks.Granularity));
        Assert.Contains("chunk at 5120", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void RejectsThreadCountsBelowOneOtherThanEveryCore(int threads)
        => Assert.Throws<ArgumentOutOfRangeException>(() => ParallelChunks.Resolve(threads));

    private readonly unsafe struct CountVisits(int* counts) : IChunkBody
    {
        public void Run(int start, int length)
        {
            for (int i = start; i < start + length; i++) counts[i]++;
        }
    }

    private readonly struct FailAt(int failingStart) : IChunkBody
    {
        public void Run(int start, int length)
        {
            if (start <= failingStart && failingStart < start + length) throw new InvalidOperationException($"chunk at {start}");
        }
    }
}
