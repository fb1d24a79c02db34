using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Functions;

/// <summary>
/// Logistic sigmoid as 1/2 + tanh(x/2)/2 with <see cref="TanhA"/>'s fit: 0 below −5.4, 1 above
/// 5.4, between them 1/2 plus half the odd polynomial evaluated at t = x/2 (an input shift, free).
/// Half of tanh's error (PiecewiseFunctionTests, grid of 2^-8 steps on [−12, 12]): max abs 0.0050,
/// mean abs 0.0018. Valid for |x| &lt; 2^43.
/// Cost: 8 rounds; 159.6 bytes per element per party (<see cref="Cost"/>).
/// </summary>
public static class SigmoidA
{
    public static Piecewise Function(int fractionalBits)
    {
        var tanh = TanhA.Function(fractionalBits).Segments[1];
        var coefficients = tanh.Select(c => c / 2).ToArray();
        coefficients[0] = 0.5;
        return new Piecewise([-5.4, 5.4], [[0], coefficients, [1]], Bound: 2, InputShift: 1);
    }

    public static ProtocolCost Cost(int length, int fractionalBits) => PiecewiseA.Cost(length, Function(fractionalBits));

    public static AShare Sigmoid(PartyContext context, AShare x) => PiecewiseA.Evaluate(context, x, Function(context.Config.FractionalBits), "sigmoid");

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare destination)
        => PiecewiseA.Steps(context, x, Function(context.Config.FractionalBits), destination);
}
