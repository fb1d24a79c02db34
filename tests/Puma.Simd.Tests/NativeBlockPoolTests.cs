using Puma.Simd;

namespace Puma.Simd.Tests;

[CollectionDefinition(nameof(NativeBlockPoolTests), DisableParallelization = true)]
public sealed class NativeBlockPoolCollection;

/// <summary>
/// The pool is process-wide, so these run alone (no other test returns or takes blocks meanwhile)
/// and use lengths no other test allocates.
/// </summary>
[Collection(nameof(NativeBlockPoolTests))]
public sealed unsafe class NativeBlockPoolTests
{
    private const int PooledLength = 4 * 1024 / sizeof(ulong) + 4_099;

    [Fact]
    public void FreedBlockIsReusedForTheSameSize()
    {
        nint first;
        using (var freed = NativeArray.Uninitialized(PooledLength)) first = (nint)freed.Pointer;
        using var reused = NativeArray.Uninitialized(PooledLength);
        Assert.Equal(first, (nint)reused.Pointer);
    }

    [Fact]
    public void ZeroedArrayFromThePoolIsZero()
    {
        using (var dirty = NativeArray.Uninitialized(PooledLength + 1)) dirty.Span.Fill(ulong.MaxValue);
        using var zeroed = new NativeArray(PooledLength + 1);
        Assert.All(zeroed.ToArray(), value => Assert.Equal(0UL, value));
    }

    [Fact]
    public void SmallBlocksAreNotKept()
    {
        NativeHeap.Trim();
        new NativeArray(100).Dispose();
        Assert.Equal(0, NativeBlockPool.PooledBytes);
    }

    [Fact]
    public void TrimFreesEveryPooledBlock()
    {
        new NativeArray(PooledLength + 2).Dispose();
        Assert.Equal((PooledLength + 2L) * sizeof(ulong), NativeBlockPool.PooledBytes);
        NativeHeap.Trim();
        Assert.Equal(0, NativeBlockPool.PooledBytes);
    }
}
