using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Functions;

/// <summary>
/// SiLU (x·sigmoid(x)) by PUMA's piecewise polynomial (PROTOCOLS.md §7, from the PUMA code):
/// 0 for x &lt; −8; G0 (degree 2) on [−8, −4); G1 (degree 6, even powers and x/2) on [−4, 4];
/// x above. PUMA's jump to x at 4 alone errs by 4·sigmoid(−4) = 0.072, so (4, 8] gets the mirror
/// of G0: silu(x) = x + silu(−x) ≈ x + G0(−x), one more comparison and one degree-2 product,
/// no extra round. Same structure as <see cref="GeluA"/>.
/// Valid for |x| &lt; 2^43. Error against exact SiLU (PiecewiseFunctionTests, grid of 2^-8 steps on
/// [−12, 12] plus seams ±1 ulp): max abs 0.0097, mean abs 0.0024.
/// Cost: 8 rounds; 270.8 bytes per element per party (<see cref="Cost"/>).
/// </summary>
public static class SiluA
{
    private static readonly double[] G0 = [-0.3067541139982155, -0.0819767021525476, -0.0055465625580307];

    private static readonly double[] G1 = [0.0085064025895951, 0.5, 0.2281430841728270, 0, -0.011113046708173, 0, 0.0002743776353465];

    /// <summary>Polynomials run on t = x/4 (input shift 2) so that x⁶ of |x| ≤ 8 does not swamp c6.</summary>
    private const int InputShift = 2;

    /// <summary>PUMA's segments plus x + G0(−x) on (4, 8]; the upper seams are x &gt; 4 and x &gt; 8 (+1 ulp).</summary>
    public static Piecewise Function(int fractionalBits) => new(
        [-8, -4, 4 + Math.ScaleB(1, -fractionalBits), 8 + Math.ScaleB(1, -fractionalBits)],
        [
            [0],
            InT(G0),
            InT(G1),
            InT([G0[0], 1 - G0[1], G0[2]]),
            [0, 1],
        ],
        Bound: 8,
        InputShift: InputShift);

    /// <summary>Coefficients of p(x) rewritten for t = x/2^s: c_k·2^(k·s).</summary>
    private static double[] InT(double[] c) => [.. c.Select((value, k) => Math.ScaleB(value, k * InputShift))];

    public static ProtocolCost Cost(int length, int fractionalBits) => PiecewiseA.Cost(length, Function(fractionalBits));

    public static AShare Silu(PartyContext context, AShare x) => PiecewiseA.Evaluate(context, x, Function(context.Config.FractionalBits), "silu");

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare destination)
        => PiecewiseA.Steps(context, x, Function(context.Config.FractionalBits), destination);
}
