using Puma.Protocols.Compare;

namespace Puma.Protocols.Tests.Compare;

public class BitPackingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(32)]
    public void PlacingChunksInTurnEqualsPackingTheWholeVector(int width)
    {
        var random = new Random(width);
        for (int n = 0; n <= 200; n++)
        {
            var fields = Enumerable.Range(0, n).Select(_ => (ulong)random.NextInt64() & BitPacking.LowBits(width)).ToArray();
            var whole = new ulong[BitPacking.PackedLength(n, width)];
            BitPacking.Pack(fields, width, whole);
            foreach (ulong junk in new[] { 0UL, ulong.MaxValue })
            {
                var placed = new ulong[whole.Length];
                int first = n / 3, second = (n - first) / 2;
                foreach (var (start, count) in new[] { (0, first), (first, second), (first + second, n - first - second) })
                {
                    // The chunk's own packing, with junk past its last field that placing must ignore.
                    var chunk = new ulong[BitPacking.PackedLength(count, width) + 1];
                    BitPacking.Pack(fields.AsSpan(start, count), width, chunk);
                    long bits = (long)count * width;
                    for (long b = bits; b < 64L * chunk.Length; b++) chunk[b >> 6] |= junk & (1UL << (int)(b & 63));
                    BitPacking.Place(chunk, width, count, placed, start);
                }
                Assert.Equal(whole, placed);
            }
        }
    }
}
