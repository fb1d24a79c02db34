using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Functions;

/// <summary>
/// Logistic sigmoid as 1/2 + tanh(x/2)/2 with <see cref="TanhA"/>'s fit folded into the
/// coefficients (c_k/2^(k+1)): 0 below −5.4, 1 above 5.4, the odd polynomial plus 1/2 between.
/// Half of tanh's error: max abs ≈ 0.0050 (SigmoidTests, grid on [−12, 12]).
/// Valid for |x| &lt; 2^43. Cost: 8 rounds (<see cref="Cost"/> for bytes).
/// </summary>
public static class SigmoidA
{
    public static Piecewise Function(int fractionalBits)
    {
        var tanh = TanhA.Function(fractionalBits).Segments[1];
        var coefficients = tanh.Select((c, k) => Math.ScaleB(c, -(k + 1))).ToArray();
        coefficients[0] = 0.5;
        return new Piecewise([-5.4, 5.4], [[0], coefficients, [1]], Bound: 2);
    }

    public static ProtocolCost Cost(int length, int fractionalBits) => PiecewiseA.Cost(length, Function(fractionalBits));

    public static AShare Sigmoid(PartyContext context, AShare x) => PiecewiseA.Evaluate(context, x, Function(context.Config.FractionalBits), "sigmoid");

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare destination)
        => PiecewiseA.Steps(context, x, Function(context.Config.FractionalBits), destination);
}
