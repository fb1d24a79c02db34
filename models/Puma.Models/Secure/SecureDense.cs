using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;

namespace Puma.Models.Secure;

/// <summary>
/// A shared dense layer y = x·W + b with W stored [inputs, outputs] (HF Conv1D layout; nn.Linear
/// weights are transposed when shared) and b [outputs], both fixed point. The bias is added
/// locally after the truncated product. It reads its weights' shares, so it runs inside a scope
/// that holds <see cref="Tensors"/> (its step's <see cref="WeightGroup"/>).
/// Cost: <see cref="MatMulTruncAA.Cost"/> of [rows, inputs]·[inputs, outputs]: 2 rounds.
/// </summary>
internal sealed record SecureDense(WeightTensor Weight, WeightTensor Bias)
{
    public int Outputs => Bias.Length;

    public int Inputs => Weight.Length / Bias.Length;

    public IEnumerable<WeightTensor> Tensors => [Weight, Bias];

    /// <summary>y [rows, outputs] for x [rows, inputs].</summary>
    public AShare Apply(PartyContext context, AShare x, int rows)
    {
        var y = MatMulTruncAA.MatMulTrunc(context, x, Weight.Share, new MatMulShape(rows, Inputs, Outputs));
        ShareRows.AddToEveryRow(y, Bias.Share);
        return y;
    }
}
