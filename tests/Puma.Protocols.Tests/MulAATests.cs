using Puma.Protocols.Arithmetic;

namespace Puma.Protocols.Tests;

public class MulAATests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(1000)]
    public void ProductEqualsPlaintextModulo2To64(int length)
    {
        var random = new Random(length);
        var x = Harness.RandomVector(random, length);
        var y = Harness.RandomVector(random, length);
        if (length > 2)
        {
            (x[0], y[0]) = (ulong.MaxValue, ulong.MaxValue);
            (x[1], y[1]) = (1UL << 63, 3);
            (x[2], y[2]) = (0, ulong.MaxValue);
        }
        var z = Harness.Evaluate([x, y], (c, s) => MulAA.Mul(c, s[0], s[1]));
        Assert.Equal(x.Zip(y, (a, b) => unchecked(a * b)), z);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void MeasuredCostEqualsDeclared(int length)
    {
        var random = new Random(7);
        var cost = Harness.Measure([Harness.RandomVector(random, length), Harness.RandomVector(random, length)],
            (c, s) => MulAA.Mul(c, s[0], s[1]).Dispose());
        Assert.Equal(MulAA.Cost(length), cost);
    }
}
