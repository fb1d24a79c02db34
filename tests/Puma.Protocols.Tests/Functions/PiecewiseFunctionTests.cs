using Puma.Protocols.Functions;
using Puma.Protocols.Functions.Reference;
using Xunit.Abstractions;
using static Puma.Protocols.Tests.Functions.FunctionHarness;

namespace Puma.Protocols.Tests.Functions;

public class PiecewiseFunctionTests(ITestOutputHelper output)
{
    public static TheoryData<string, double, double, double> Bounds => new()
    {
        // name, grid half-width, max abs error bound against the exact function, mean abs bound
        { "gelu_puma", 8, 0.0200, 0.0020 },
        // The fit's 1.7e-5 (and the cutoff's 1.2e-5) plus fixed-point rounding of the centred powers.
        { "silu", 16, 3e-5, 1e-5 },
        { "tanh", 8, 0.0101, 0.0029 },
        { "sigmoid", 12, 0.0051, 0.0019 },
    };

    [Theory]
    [MemberData(nameof(Bounds))]
    public void MatchesTheExactFunctionWithinItsBound(string name, double halfWidth, double maxBound, double meanBound)
    {
        var (function, secure, exact) = Of(name);
        var piecewise = function(F);
        double[] edges = [0, Ulp, -Ulp, Math.ScaleB(1, 43) - 1, -Math.ScaleB(1, 43) + 1, 1e6, -1e6, .. piecewise.Thresholds.SelectMany(t => Seams(t))];
        var x = Grid(-halfWidth, halfWidth, 1.0 / 256).Concat(edges).ToArray();
        var y = Evaluate(x, secure);
        var (maxAbs, meanAbs, _) = Errors(x, y, exact, output, name);
        Assert.InRange(maxAbs, 0, maxBound);
        Assert.InRange(meanAbs, 0, meanBound);
        // Against the piecewise function itself only fixed-point error remains.
        var (fixedPointError, _, _) = Errors(x, y, piecewise.Evaluate, output, name + " vs approximation");
        Assert.InRange(fixedPointError, 0, 5e-5);
    }

    [Theory]
    [MemberData(nameof(Bounds))]
    public void MeasuredCostEqualsDeclared(string name, double halfWidth, double maxBound, double meanBound)
    {
        _ = (halfWidth, maxBound, meanBound);
        var (function, secure, _) = Of(name);
        var cost = Measure(50, (c, x) => secure(c, x).Dispose());
        Assert.Equal(PiecewiseA.Cost(50, function(F)), cost);
        Assert.Equal(8, cost.Rounds);
        output.WriteLine($"{name}: {cost.Rounds} rounds, {cost.BytesPerElementPerParty(50):F1} bytes/element/party");
    }

    private static (Func<int, Piecewise> Function, Func<Core.PartyContext, Core.AShare, Core.AShare> Secure, Func<double, double> Exact) Of(string name) => name switch
    {
        "gelu_puma" => (GeluA.PumaFunction, GeluA.GeluPuma, PlaintextReference.Gelu),
        "silu" => (SiluA.Function, SiluA.Silu, PlaintextReference.Silu),
        "tanh" => (TanhA.Function, TanhA.Tanh, PlaintextReference.Tanh),
        _ => (SigmoidA.Function, SigmoidA.Sigmoid, PlaintextReference.Sigmoid),
    };
}
