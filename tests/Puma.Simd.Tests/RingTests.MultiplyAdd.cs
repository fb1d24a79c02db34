namespace Puma.Simd.Tests;

/// <summary>The fused x·y + z kernel, including every in-place aliasing of the destination.</summary>
public class RingMultiplyAddTests
{
    [Fact]
    public void MatchesReferenceOnEveryLength()
    {
        foreach (int length in TestData.Lengths)
        {
            ulong[] x = TestData.Ring(length, length), y = TestData.Ring(length, length + 1), z = TestData.Ring(length, length + 2);
            ulong[] expected = Enumerable.Range(0, length).Select(i => unchecked(x[i] * y[i] + z[i])).ToArray();

            var destination = new ulong[length];
            Ring.MultiplyAdd(x, y, z, destination);
            AssertBits.Equal<ulong>(expected, destination);

            ulong[] intoZ = (ulong[])z.Clone();
            Ring.MultiplyAdd(x, y, intoZ, intoZ);
            AssertBits.Equal<ulong>(expected, intoZ);

            ulong[] intoX = (ulong[])x.Clone();
            Ring.MultiplyAdd(intoX, y, z, intoX);
            AssertBits.Equal<ulong>(expected, intoX);
        }
    }

    [Fact]
    public void ScalarFormMatchesReferenceOnEveryLength()
    {
        foreach (int length in TestData.Lengths)
        {
            ulong[] x = TestData.Ring(length, length), z = TestData.Ring(length, length + 2);
            ulong y = TestData.Ring(1, length + 1)[0] | 1;
            ulong[] expected = Enumerable.Range(0, length).Select(i => unchecked(x[i] * y + z[i])).ToArray();

            var destination = new ulong[length];
            Ring.MultiplyAdd(x, y, z, destination);
            AssertBits.Equal<ulong>(expected, destination);

            ulong[] intoZ = (ulong[])z.Clone();
            Ring.MultiplyAdd(x, y, intoZ, intoZ);
            AssertBits.Equal<ulong>(expected, intoZ);

            ulong[] intoX = (ulong[])x.Clone();
            Ring.MultiplyAdd(intoX, y, z, intoX);
            AssertBits.Equal<ulong>(expected, intoX);
        }
    }
}
