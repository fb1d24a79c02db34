namespace Puma.Simd.Tests;

/// <summary>The fused x·y + z kernels (vector and scalar y), including every in-place aliasing of the destination.</summary>
public class RingMultiplyAddTests
{
    [Fact]
    public void MatchesReferenceOnEveryLength()
    {
        foreach (int length in TestData.Lengths)
        {
            ulong[] x = TestData.Ring(length, length), y = TestData.Ring(length, length + 1), z = TestData.Ring(length, length + 2);
            ulong[] expected = Enumerable.Range(0, length).Select(i => unchecked(x[i] * y[i] + z[i])).ToArray();
            AssertEveryAliasing(expected, x, z, (a, c, destination) => Ring.MultiplyAdd(a, y, c, destination));
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
            AssertEveryAliasing(expected, x, z, (a, c, destination) => Ring.MultiplyAdd(a, y, c, destination));
        }
    }

    /// <summary>Into a fresh destination, into z and into x.</summary>
    private static void AssertEveryAliasing(ulong[] expected, ulong[] x, ulong[] z, Action<ulong[], ulong[], ulong[]> multiplyAdd)
    {
        var destination = new ulong[x.Length];
        multiplyAdd(x, z, destination);
        AssertBits.Equal<ulong>(expected, destination);

        ulong[] intoZ = (ulong[])z.Clone();
        multiplyAdd(x, intoZ, intoZ);
        AssertBits.Equal<ulong>(expected, intoZ);

        ulong[] intoX = (ulong[])x.Clone();
        multiplyAdd(intoX, z, intoX);
        AssertBits.Equal<ulong>(expected, intoX);
    }
}
