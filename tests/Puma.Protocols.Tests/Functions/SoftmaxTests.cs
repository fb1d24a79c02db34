using Puma.Protocols.Functions;
using Puma.Protocols.Functions.Reference;
using Xunit.Abstractions;
using static Puma.Protocols.Tests.Functions.FunctionHarness;

namespace Puma.Protocols.Tests.Functions;

public class SoftmaxTests(ITestOutputHelper output)
{
    private const int Rows = 6, Columns = 128;

    private static double[] Scores()
    {
        var random = new Random(7);
        var x = Enumerable.Range(0, Rows * Columns).Select(_ => random.NextDouble() * 16 - 8).ToArray();
        // Edge rows: all equal; one dominant entry; a wide spread beyond the cutoff.
        for (int j = 0; j < Columns; j++)
        {
            x[j] = 1.5;
            x[Columns + j] = j == 77 ? 30 : -2;
            x[2 * Columns + j] = -40 + j * 0.5;
        }
        return x;
    }

    /// <summary>Above f = 20 the exponentials no longer stay at 2f fractional bits (their final product would pass 2^62): the same accuracy at f = 24.</summary>
    [Fact]
    public void MatchesExactSoftmaxAtAFinerScale()
    {
        const int fine = 24;
        var x = Scores();
        var options = new Runtime.RunOptions { Config = new Core.ProtocolConfig { FractionalBits = fine } };
        var opened = Harness.Evaluate([[.. x.Select(v => Simd.FixedPoint.Encode(v, fine))]], (c, s) => SoftmaxA.Softmax(c, s[0], Rows, Columns), options);
        var y = opened.Select(v => Simd.FixedPoint.Decode(v, fine)).ToArray();
        var expected = PlaintextReference.Softmax(x, Columns);
        double maxAbs = x.Select((_, i) => Math.Abs(y[i] - expected[i])).Max();
        output.WriteLine($"softmax at f = {fine}: max abs error {maxAbs:E3}");
        Assert.InRange(maxAbs, 0, 1e-4);
    }

    [Fact]
    public void MatchesExactSoftmax()
    {
        var x = Scores();
        var y = Evaluate(x, (c, s) => SoftmaxA.Softmax(c, s, Rows, Columns));
        var expected = PlaintextReference.Softmax(x, Columns);
        double maxAbs = x.Select((_, i) => Math.Abs(y[i] - expected[i])).Max();
        output.WriteLine($"softmax max abs error {maxAbs:E3}");
        // negexp's 1.7e-5 divided by Σe ≥ 1, plus the reciprocal's relative 5.7e-5 times p ≤ 1, plus 1 ulp.
        Assert.InRange(maxAbs, 0, 1e-4);
        // A row sum moves by at most Σ|δe|/Σe ≤ 128·1.7e-5 plus the reciprocal's 5.7e-5.
        for (int r = 0; r < Rows; r++) Assert.InRange(y.Skip(r * Columns).Take(Columns).Sum(), 1 - 2.3e-3, 1 + 2.3e-3);
    }

    [Fact]
    public void MaskedEntriesAreExactlyZero()
    {
        var x = Scores();
        int[] valid = [1, 5, 128, 64, 0, 100];
        // A masked entry larger than every valid one must not move the maximum.
        x[3 * Columns + 100] = 50;
        var y = Evaluate(x, (c, s) => SoftmaxA.Softmax(c, s, Rows, Columns, valid));
        var expected = PlaintextReference.MaskedSoftmax(x, Columns, valid);
        for (int r = 0; r < Rows; r++)
            for (int j = valid[r]; j < Columns; j++) Assert.Equal(0, y[r * Columns + j]);
        double maxAbs = x.Select((_, i) => Math.Abs(y[i] - expected[i])).Max();
        output.WriteLine($"masked softmax max abs error {maxAbs:E3}");
        Assert.InRange(maxAbs, 0, 1e-4);
        Assert.InRange(y[0], 1 - 1e-4, 1 + 1e-4);
    }

    [Fact]
    public void MeasuredCostEqualsDeclared()
    {
        var cost = Measure(2 * Columns, (c, x) => SoftmaxA.Softmax(c, x, 2, Columns).Dispose());
        Assert.Equal(SoftmaxA.Cost(2, Columns, F), cost);
        output.WriteLine($"softmax 2x{Columns}: {cost.Rounds} rounds, {cost.BytesPerElementPerParty(2 * Columns):F1} B/elem/party");
        Assert.InRange(cost.Rounds, 0, 60);
    }
}
