namespace Puma.Simd.Tests;

/// <summary>Argument checks: mismatched lengths and partially overlapping destinations are rejected.</summary>
public class RingValidationTests
{
    [Fact]
    public void LengthMismatchThrows()
    {
        ulong[] four = new ulong[4], five = new ulong[5];
        Assert.Throws<ArgumentException>(() => Ring.Add(four, five, four));
        Assert.Throws<ArgumentException>(() => Ring.Add(four, four, five));
        Assert.Throws<ArgumentException>(() => Ring.Add(four, 1UL, five));
        Assert.Throws<ArgumentException>(() => Ring.Subtract(1UL, four, five));
        Assert.Throws<ArgumentException>(() => Ring.Negate(four, five));
        Assert.Throws<ArgumentException>(() => Ring.ShiftLeft(four, 1, five));
        Assert.Throws<ArgumentException>(() => Ring.MultiplyAdd(four, four, five, four));
        Assert.Throws<ArgumentException>(() => Ring.MultiplyAdd(four, five, four, four));
    }

    [Fact]
    public void PartialOverlapThrows()
    {
        var buffer = new ulong[40];
        Assert.Throws<ArgumentException>(() => Ring.Add(buffer.AsSpan(0, 32), buffer.AsSpan(0, 32), buffer.AsSpan(1, 32)));
        Assert.Throws<ArgumentException>(() => Ring.Add(buffer.AsSpan(8, 32), buffer.AsSpan(0, 32), buffer.AsSpan(0, 32)));
        Assert.Throws<ArgumentException>(() => Ring.Multiply(buffer.AsSpan(0, 32), 3UL, buffer.AsSpan(4, 32)));
        Assert.Throws<ArgumentException>(() => Ring.Not(buffer.AsSpan(0, 32), buffer.AsSpan(3, 32)));
        Assert.Throws<ArgumentException>(() => Ring.MultiplyAdd(buffer.AsSpan(0, 32), buffer.AsSpan(0, 32), buffer.AsSpan(2, 32), buffer.AsSpan(0, 32)));
    }

    [Fact]
    public void DisjointSlicesOfOneBufferAreAccepted()
    {
        ulong[] buffer = Enumerable.Range(0, 64).Select(i => (ulong)i).ToArray();
        Ring.Add(buffer.AsSpan(0, 32), buffer.AsSpan(0, 32), buffer.AsSpan(32, 32));
        Assert.Equal(Enumerable.Range(0, 32).Select(i => (ulong)(2 * i)), buffer[32..]);
    }
}
