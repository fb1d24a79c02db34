using Puma.Protocols.Core;
using Puma.Protocols.Functions;

namespace Puma.Models.Secure;

/// <summary>
/// A shared LayerNorm (γ, β) over rows of γ.Length; see <see cref="LayerNormA"/> for its error and
/// cost. It runs inside a scope that holds <see cref="Tensors"/>.
/// </summary>
internal sealed record SecureLayerNorm(WeightTensor Gamma, WeightTensor Beta, double Epsilon)
{
    public IEnumerable<WeightTensor> Tensors => [Gamma, Beta];

    public AShare Apply(PartyContext context, AShare x) => LayerNormA.LayerNorm(context, x, Gamma.Share, Beta.Share, Epsilon);
}
