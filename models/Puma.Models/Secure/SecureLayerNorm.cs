using Puma.Protocols.Core;
using Puma.Protocols.Functions;

namespace Puma.Models.Secure;

/// <summary>A shared LayerNorm (γ, β) over rows of γ.Length; see <see cref="LayerNormA"/> for its error and cost.</summary>
internal sealed record SecureLayerNorm(AShare Gamma, AShare Beta, double Epsilon)
{
    public AShare Apply(PartyContext context, AShare x) => LayerNormA.LayerNorm(context, x, Gamma, Beta, Epsilon);
}
