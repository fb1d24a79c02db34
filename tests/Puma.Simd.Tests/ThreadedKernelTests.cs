namespace Puma.Simd.Tests;

/// <summary>Every threaded kernel gives the single-threaded bits for 1, 2 and 3 threads, on edge and chunk-splitting lengths.</summary>
public class ThreadedKernelTests
{
    private delegate void ThreadedBinary(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> destination, int threads);

    private static readonly Dictionary<string, (SpanSpanKernel Single, ThreadedBinary Threaded)> Binary = new()
    {
        ["Add"] = (Ring.Add, Ring.Add),
        ["Subtract"] = (Ring.Subtract, Ring.Subtract),
        ["Multiply"] = (Ring.Multiply, Ring.Multiply),
        ["Xor"] = (Ring.Xor, Ring.Xor),
    };

    /// <summary>0, 1, lengths that no vector width divides, and ones long enough for 2 and 3 chunks with a ragged tail.</summary>
    public static IEnumerable<int> Lengths => [0, 1, 3, 7, 1023, 2 * ParallelChunks.MinimumChunk + 5, 3 * ParallelChunks.MinimumChunk + ParallelChunks.Granularity + 3];

    public static TheoryData<string, int> BinaryCases()
    {
        var cases = new TheoryData<string, int>();
        foreach (string name in Binary.Keys)
            foreach (int threads in (int[])[1, 2, 3]) cases.Add(name, threads);
        return cases;
    }

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void BinaryMatchesOneThread(string name, int threads)
    {
        var (single, threaded) = Binary[name];
        foreach (int length in Lengths)
        {
            ulong[] x = TestData.Ring(length, length), y = TestData.Ring(length, ~length);
            var expected = new ulong[length];
            single(x, y, expected);
            var actual = new ulong[length];
            threaded(x, y, actual, threads);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name} n={length} threads={threads}");
            threaded(x, y, x, threads);
            Assert.True(expected.AsSpan().SequenceEqual(x), $"{name} in place n={length} threads={threads}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MultiplyAddMatchesOneThread(int threads)
    {
        foreach (int length in Lengths)
        {
            ulong[] x = TestData.Ring(length, length), y = TestData.Ring(length, length + 1), z = TestData.Ring(length, length + 2);
            var expected = new ulong[length];
            Ring.MultiplyAdd(x, y, z, expected);
            Ring.MultiplyAdd(x, y, z, z, threads);
            Assert.True(expected.AsSpan().SequenceEqual(z), $"n={length} threads={threads}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void PrgFillMatchesOneThreadAndAdvancesAlike(int threads)
    {
        byte[] key = Enumerable.Range(1, 16).Select(i => (byte)(i * 7)).ToArray();
        foreach (int length in Lengths)
        {
            using var single = new AesCtrPrg(key, counter: 5, streamId: 9);
            using var threaded = new AesCtrPrg(key, counter: 5, streamId: 9);
            var expected = new ulong[length + 1];
            var actual = new ulong[length + 1];
            single.Fill(expected.AsSpan(0, length));
            threaded.Fill(actual.AsSpan(0, length), threads);
            Assert.Equal(single.Counter, threaded.Counter);
            // The next draw shows that both streams stand at the same place.
            expected[length] = single.Next();
            actual[length] = threaded.Next();
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"n={length} threads={threads}");
        }
    }

    [Fact]
    public void FillFromDrawsAheadWithoutMovingTheStream()
    {
        using var prg = new AesCtrPrg(new byte[16], counter: 3);
        var ahead = new ulong[7];
        prg.FillFrom(prg.Counter + 2, ahead);
        Assert.Equal(3UL, prg.Counter);
        var whole = new ulong[11];
        prg.Fill(whole);
        Assert.True(whole.AsSpan(4, 7).SequenceEqual(ahead), "elements 4..10 are those of blocks 2.. from the start");
    }
}
