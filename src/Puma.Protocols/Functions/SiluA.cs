using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Functions;

/// <summary>
/// SiLU (x·sigmoid(x)) by PUMA's piecewise polynomial (PROTOCOLS.md §7, from the PUMA code):
/// 0 for x &lt; −8; G0 (degree 2) on [−8, −4); G1 (degree 6, even powers and x/2) on [−4, 4];
/// x above 4. Same structure as <see cref="GeluA"/>.
/// Valid for |x| &lt; 2^43. Error against exact SiLU (SiluTests, grid of 2^-8 steps on [−12, 12]):
/// max abs 0.0212, mean abs 0.0041.
/// Cost: 8 rounds (<see cref="Cost"/> for bytes).
/// </summary>
public static class SiluA
{
    /// <summary>The PUMA piecewise function; the top seam is x &gt; 4, i.e. x ≥ 4 + 1 ulp.</summary>
    public static Piecewise Function(int fractionalBits) => new(
        [-8, -4, 4 + Math.ScaleB(1, -fractionalBits)],
        [
            [0],
            [-0.3067541139982155, -0.0819767021525476, -0.0055465625580307],
            [0.0085064025895951, 0.5, 0.2281430841728270, 0, -0.011113046708173, 0, 0.0002743776353465],
            [0, 1],
        ],
        Bound: 8);

    public static ProtocolCost Cost(int length, int fractionalBits) => PiecewiseA.Cost(length, Function(fractionalBits));

    public static AShare Silu(PartyContext context, AShare x) => PiecewiseA.Evaluate(context, x, Function(context.Config.FractionalBits), "silu");

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare destination)
        => PiecewiseA.Steps(context, x, Function(context.Config.FractionalBits), destination);
}
