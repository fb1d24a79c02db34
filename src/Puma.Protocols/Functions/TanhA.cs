using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Functions;

/// <summary>
/// tanh (not in PUMA; needed by the BERT pooler and GPT-2's gelu_new): −1 below −2.7, +1 above
/// 2.7, and between them the odd polynomial x·(c1 + c3x² + c5x⁴ + c7x⁶), a minimax fit of tanh on
/// [0, 2.7] (Remez exchange, tools/fit/tanh.py; its error ≈ 0.0099, balanced against the saturation error
/// 1 − tanh(2.7) ≈ 0.0090). Two comparisons alongside the powers x², x³, x⁴, then one select.
/// Valid for |x| &lt; 2^43. Error (PiecewiseFunctionTests, grid of 2^-8 steps on [−8, 8] plus
/// seams ±1 ulp): max abs 0.0099, mean abs 0.0027.
/// Cost: 8 rounds; 159.6 bytes per element per party (<see cref="Cost"/>).
/// </summary>
public static class TanhA
{
    /// <summary>The odd fit on [0, 2.7], c0 first (tools/fit/tanh.py).</summary>
    private static readonly double[] Odd = [0.0, 0.9597269313118525, 0.0, -0.22134774073683774, 0.0, 0.03252487271959689, 0.0, -0.001835824932009335];

    public static Piecewise Function(int fractionalBits) => new([-2.7, 2.7], [[-1], Odd, [1]], Bound: 2);

    public static ProtocolCost Cost(int length, int fractionalBits) => PiecewiseA.Cost(length, Function(fractionalBits));

    public static AShare Tanh(PartyContext context, AShare x) => PiecewiseA.Evaluate(context, x, Function(context.Config.FractionalBits), "tanh");

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare destination)
        => PiecewiseA.Steps(context, x, Function(context.Config.FractionalBits), destination);
}
