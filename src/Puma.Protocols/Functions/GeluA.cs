using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Functions;

/// <summary>
/// GeLU by PUMA's piecewise polynomial (PROTOCOLS.md §7): 0 for x &lt; −4; F0 (degree 3) on
/// [−4, −1.95); F1 (degree 6, even powers and x/2) on [−1.95, 3]; x above 3. The three comparisons
/// run in one call alongside the powers x², x⁴ (F0 and x⁴ share the second product round, F1 the
/// third), then one select round (<see cref="PiecewiseA"/>).
/// Valid for |x| &lt; 2^43. Error against exact GeLU (PiecewiseFunctionTests, grid of 2^-8 steps on
/// [−8, 8] plus seams ±1 ulp): max abs 0.0199 (at the seam x = 3, inherent to F1), mean abs 0.0018;
/// against F0/F1 themselves (fixed-point error only) 1e-5.
/// Cost: 8 rounds; 208.5 bytes per element per party (<see cref="Cost"/>).
/// </summary>
public static class GeluA
{
    /// <summary>The PUMA piecewise function; the top seam is x &gt; 3, i.e. x ≥ 3 + 1 ulp.</summary>
    public static Piecewise Function(int fractionalBits) => new(
        [-4, -1.95, 3 + Math.ScaleB(1, -fractionalBits)],
        [
            [0],
            [-0.5054031199708174, -0.42226581151983866, -0.11807612951181953, -0.011034134030615728],
            [0.008526321541038084, 0.5, 0.3603292692789629, 0, -0.037688200365904236, 0, 0.0018067462606141187],
            [0, 1],
        ],
        Bound: 4);

    public static ProtocolCost Cost(int length, int fractionalBits) => PiecewiseA.Cost(length, Function(fractionalBits));

    public static AShare Gelu(PartyContext context, AShare x) => PiecewiseA.Evaluate(context, x, Function(context.Config.FractionalBits), "gelu");

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare destination)
        => PiecewiseA.Steps(context, x, Function(context.Config.FractionalBits), destination);
}
