using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Functions;

/// <summary>
/// RMSNorm of n rows of d: y = γ·x/√(mean(x²) + ε) = γ·x·√d/√(Σx² + d·ε), with Σx² one row-summed
/// fused product and γ·x in the same rounds, one <see cref="RsqrtA"/> per row (√d in its scale),
/// then one product (the inverse with <see cref="LayerNormA.InverseBits"/> extra fraction bits).
/// Valid for Σx² + dε &lt; 2^43 and |y| &lt; 2^20 at f = 18. Error (NormTests): max abs 1e-4 (rsqrt's relative
/// error 1e-5 times |γx/rms|, plus rounding).
/// Cost: 2 + 13 + 2 = 17 rounds (<see cref="Cost"/>).
/// </summary>
public static class RmsNormA
{
    public static ProtocolCost Cost(int rows, int d)
        => RowDotTruncAA.Cost(rows).Alongside(MulTruncAA.Cost(rows * d))
            .Then(RsqrtA.Cost(rows, ExponentRange.Full))
            .Then(RowScaleTruncAA.Cost(rows * d));

    public static AShare RmsNorm(PartyContext context, AShare x, AShare gamma, double epsilon)
    {
        using var _ = context.Scope("rmsnorm");
        var z = new AShare(x.Length);
        context.Run(Steps(context, x, gamma, epsilon, z));
        return z;
    }

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare gamma, double epsilon, AShare destination)
        => LayerNormA.NormalisedSteps(context, x, x, 0, gamma, gamma.Length * epsilon, gamma.Length, destination);
}
