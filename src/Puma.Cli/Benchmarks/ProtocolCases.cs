using Puma.Protocols.Arithmetic;
using Puma.Protocols.Boolean;
using Puma.Protocols.Core;

namespace Puma.Cli.Benchmarks;

/// <summary>
/// The protocols <c>puma bench protocols</c> measures: the arithmetic and boolean building blocks
/// here, the comparisons and non-linear functions in <see cref="NonlinearCases"/>. Inputs come
/// from <see cref="CaseInputs"/>: fixed-point values in [-4, 4) unless a protocol needs another
/// range, uniform 64-bit words for boolean ones.
/// </summary>
internal static class ProtocolCases
{
    /// <summary>Names accepted by <c>--only</c>; each matrix product family covers every shape.</summary>
    public static IReadOnlyList<string> Families { get; } =
        ["mul", "trunc", "mul_trunc", "and", "matmul", "matmul_trunc", .. NonlinearCases.Families];

    public static IReadOnlyList<ProtocolCase> Select(ProtocolSizes sizes, IReadOnlySet<string> families)
    {
        int length = sizes.Length;
        var all = new List<(string Family, ProtocolCase Case)>
        {
            ("mul", new("mul", length, MulAA.Cost(length), null, c => Binary(c, length, length, (x, y) => MulAA.Mul(c, x, y)))),
            ("trunc", new("trunc", length, TruncA.Cost(length), null, c => Unary(c, length, x => TruncA.Trunc(c, x, c.Config.FractionalBits)))),
            ("mul_trunc", new("mul_trunc", length, MulTruncAA.Cost(length), null, c => Binary(c, length, length, (x, y) => MulTruncAA.MulTrunc(c, x, y)))),
            ("and", new("and", length, AndBB.Cost(length), null, c => BooleanAnd(c, length))),
        };
        foreach (var family in new[] { "matmul", "matmul_trunc" })
        {
            foreach (var shape in sizes.Shapes)
            {
                var cost = family == "matmul" ? MatMulAA.Cost(shape) : MatMulTruncAA.Cost(shape);
                all.Add((family, new($"{family}_{shape.M}x{shape.K}x{shape.N}", shape.OutputLength, cost, (long)shape.M * shape.K * shape.N,
                    c => Binary(c, shape.M * shape.K, shape.K * shape.N, (x, y) => family == "matmul" ? MatMulAA.MatMul(c, x, y, shape) : MatMulTruncAA.MatMulTrunc(c, x, y, shape)))));
            }
        }
        all.AddRange(NonlinearCases.All(sizes).Select(c => (c.Name, c)));
        return all.Where(e => families.Contains(e.Family)).Select(e => e.Case).ToArray();
    }

    public static PreparedCall Unary(PartyContext context, int length, Func<AShare, AShare> protocol, double low = -4, double high = 4)
    {
        var x = CaseInputs.Values(context, length, seed: 1, low, high);
        return new PreparedCall(() => protocol(x).Dispose(), x);
    }

    private static PreparedCall Binary(PartyContext context, int xLength, int yLength, Func<AShare, AShare, AShare> protocol)
    {
        var x = CaseInputs.Values(context, xLength, seed: 1);
        var y = CaseInputs.Values(context, yLength, seed: 2);
        return new PreparedCall(() => protocol(x, y).Dispose(), x, y);
    }

    private static PreparedCall BooleanAnd(PartyContext context, int length)
    {
        var x = CaseInputs.Words(context, length, seed: 1);
        var y = CaseInputs.Words(context, length, seed: 2);
        return new PreparedCall(() => AndBB.And(context, x, y).Dispose(), x, y);
    }
}
