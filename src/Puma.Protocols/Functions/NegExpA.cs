using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;
using Rounds = Puma.Protocols.Net.Steps;

namespace Puma.Protocols.Functions;

/// <summary>
/// exp(x) for x ≤ 0 by PUMA's method (PROTOCOLS.md §7): 0 if x &lt; −14, else (1 + x/2^5)^(2^5).
/// The /32 is folded into the first squaring: (32 + x)² truncated by f + 10 is (1 + x/32)² at
/// scale 2^f; four more squarings follow. The mask [x ≥ −14] (<see cref="ThresholdBitsA"/>,
/// 7 rounds) runs alongside the squarings (10 rounds), then one exact product applies it.
/// Valid for −2^43 &lt; x ≤ 0 (positive x give (1 + x/32)^32 while it fits, no exp).
/// Error against exp (NegExpTests, grid of 2^-8 steps on [−16, 0]): max abs 0.0086 (near x = −2,
/// inherent to (1 + x/32)^32), mean abs 0.0019; against (1 + x/32)^32 itself 6e-5.
/// Cost: 11 rounds; 147.9 bytes per element per party (5 fused squarings, one comparison, one product).
/// </summary>
public static class NegExpA
{
    public const double Cutoff = -14;
    private const int Squarings = 5;

    public static ProtocolCost Cost(int length)
    {
        var squarings = new ProtocolCost(0, 0);
        for (int s = 0; s < Squarings; s++) squarings = squarings.Then(MulTruncAA.Cost(length));
        return squarings.Alongside(ThresholdBitsA.Cost(length, 1)).Then(MulAA.Cost(length));
    }

    public static AShare NegExp(PartyContext context, AShare x)
    {
        using var _ = context.Scope("negexp");
        var z = new AShare(x.Length);
        context.Run(Steps(context, x, z));
        return z;
    }

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare destination)
    {
        int f = context.Config.FractionalBits;
        using var mask = new AShare(x.Length);
        using var power = new AShare(x.Length);
        var compare = ThresholdBitsA.Steps(context, x, [FixedPoint.Encode(Cutoff, f)], mask);
        foreach (var step in Rounds.Together(compare, Power(context, x, power))) yield return step;
        foreach (var step in MulAA.Steps(context, mask, power, destination)) yield return step;
    }

    /// <summary>(1 + x/32)^32 by five squarings, the first truncating by f + 10.</summary>
    private static IEnumerable<Step> Power(PartyContext context, AShare x, AShare result)
    {
        int f = context.Config.FractionalBits;
        var current = new AShare(x.Length);
        try
        {
            LinearA.AddPublic(context, x, FixedPoint.Encode(1 << Squarings, f), current);
            for (int s = 0; s < Squarings; s++)
            {
                var squared = s == Squarings - 1 ? result : new AShare(x.Length);
                foreach (var step in MulTruncAA.Steps(context, current, current, s == 0 ? f + 2 * Squarings : f, squared)) yield return step;
                current.Dispose();
                current = squared;
            }
        }
        finally
        {
            if (!ReferenceEquals(current, result)) current.Dispose();
        }
    }
}
