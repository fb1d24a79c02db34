using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;

namespace Puma.Models.Secure;

/// <summary>
/// A shared dense layer y = x·W + b with W stored [inputs, outputs] (HF Conv1D layout; nn.Linear
/// weights are transposed when shared) and b [outputs], both fixed point. The bias is added
/// locally after the truncated product.
/// Cost: <see cref="MatMulTruncAA.Cost"/> of [rows, inputs]·[inputs, outputs]: 2 rounds.
/// </summary>
internal sealed record SecureDense(AShare Weight, AShare Bias)
{
    public int Outputs => Bias.Length;

    public int Inputs => Weight.Length / Bias.Length;

    /// <summary>y [rows, outputs] for x [rows, inputs].</summary>
    public AShare Apply(PartyContext context, AShare x, int rows)
    {
        var y = MatMulTruncAA.MatMulTrunc(context, x, Weight, new MatMulShape(rows, Inputs, Outputs));
        ShareRows.AddToEveryRow(y, Bias);
        return y;
    }
}
