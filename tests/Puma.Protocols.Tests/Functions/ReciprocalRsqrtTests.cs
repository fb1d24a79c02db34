using Puma.Protocols.Functions;
using Puma.Protocols.Functions.Reference;
using Xunit.Abstractions;
using static Puma.Protocols.Tests.Functions.FunctionHarness;

namespace Puma.Protocols.Tests.Functions;

public class ReciprocalRsqrtTests(ITestOutputHelper output)
{
    [Fact]
    public void ReciprocalRelativeErrorIsBounded()
    {
        var x = LogGrid(-10, 10, 1500).Concat([1, 0.5, 2, 0.75, 1 - Ulp, 1 + Ulp]).ToArray();
        var y = Evaluate(x, (c, s) => ReciprocalA.Reciprocal(c, s));
        var (_, _, maxRel) = Errors(x, y, PlaintextReference.Reciprocal, output, "reciprocal [2^-10, 2^10]");
        Assert.InRange(maxRel, 0, 8e-5);
    }

    [Fact]
    public void ReciprocalAtTheEndsOfItsRange()
    {
        double[] x = [Ulp, 2 * Ulp, 3 * Ulp, Math.ScaleB(1, 20), Math.ScaleB(1, 30), Math.ScaleB(1, 43) - 1, 0];
        var y = Evaluate(x, (c, s) => ReciprocalA.Reciprocal(c, s));
        var (maxAbs, _, _) = Errors(x[3..], y[3..], v => v == 0 ? 0 : 1 / v, output, "reciprocal large");
        Assert.InRange(maxAbs, 0, 2 * Ulp);
        var (_, _, maxRel) = Errors(x[..3], y[..3], PlaintextReference.Reciprocal, output, "reciprocal tiny");
        Assert.InRange(maxRel, 0, 8e-5);
    }

    [Fact]
    public void RsqrtRelativeErrorIsBounded()
    {
        var x = LogGrid(-10, 20, 1500).Concat([1, 0.25, 0.5, 4, 1 - Ulp, 1 + Ulp]).ToArray();
        var y = Evaluate(x, (c, s) => RsqrtA.Rsqrt(c, s));
        var (_, _, maxRel) = Errors(x, y, PlaintextReference.ReciprocalSqrt, output, "rsqrt [2^-10, 2^20]");
        Assert.InRange(maxRel, 0, 1.2e-3);
    }

    [Fact]
    public void RsqrtAtTheEndsOfItsRange()
    {
        double[] x = [Ulp, 2 * Ulp, Math.ScaleB(1, 30), Math.ScaleB(1, 43) - 1];
        var y = Evaluate(x, (c, s) => RsqrtA.Rsqrt(c, s, scale: 3));
        var (maxAbs, _, maxRel) = Errors(x, y, v => 3 / Math.Sqrt(v), output, "3·rsqrt ends");
        Assert.InRange(maxRel, 0, 1.2e-3);
        Assert.InRange(maxAbs, 0, 1.2e-3 * 3 * 512);
    }

    [Fact]
    public void MeasuredCostsEqualDeclared()
    {
        var reciprocal = Measure(30, (c, x) => ReciprocalA.Reciprocal(c, x).Dispose());
        Assert.Equal(ReciprocalA.Cost(30, ExponentRange.Full), reciprocal);
        var rsqrt = Measure(30, (c, x) => RsqrtA.Rsqrt(c, x).Dispose());
        Assert.Equal(RsqrtA.Cost(30, ExponentRange.Full), rsqrt);
        Assert.Equal(15, reciprocal.Rounds);
        Assert.Equal(15, rsqrt.Rounds);
        output.WriteLine($"reciprocal: {reciprocal.Rounds} rounds, {reciprocal.BytesPerElementPerParty(30):F1} B/elem/party; rsqrt: {rsqrt.Rounds}, {rsqrt.BytesPerElementPerParty(30):F1}");
    }
}
