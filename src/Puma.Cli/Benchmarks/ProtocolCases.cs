using Puma.Protocols.Arithmetic;
using Puma.Protocols.Boolean;
using Puma.Protocols.Core;
using Puma.Simd;

namespace Puma.Cli.Benchmarks;

/// <summary>
/// The protocols <c>puma bench protocols</c> measures. Inputs are secret-shared by P0 with
/// <see cref="Input"/> before timing starts: fixed-point values in [-4, 4) for arithmetic
/// protocols, uniform 64-bit words (XOR-shared) for boolean ones.
/// </summary>
internal static class ProtocolCases
{
    /// <summary>Names accepted by <c>--only</c>; each matrix product family covers every shape.</summary>
    public static IReadOnlyList<string> Families { get; } = ["mul", "trunc", "mul_trunc", "and", "matmul", "matmul_trunc"];

    public static IReadOnlyList<ProtocolCase> Select(int length, IReadOnlyList<MatMulShape> shapes, IReadOnlySet<string> families)
    {
        var all = new List<(string Family, ProtocolCase Case)>
        {
            ("mul", new("mul", length, MulAA.Cost(length), null, c => Binary(c, length, length, (x, y) => MulAA.Mul(c, x, y)))),
            ("trunc", new("trunc", length, TruncA.Cost(length), null, c => Unary(c, length, x => TruncA.Trunc(c, x, c.Config.FractionalBits)))),
            ("mul_trunc", new("mul_trunc", length, MulTruncAA.Cost(length), null, c => Binary(c, length, length, (x, y) => MulTruncAA.MulTrunc(c, x, y)))),
            ("and", new("and", length, AndBB.Cost(length), null, c => BooleanAnd(c, length))),
        };
        foreach (var family in new[] { "matmul", "matmul_trunc" })
        {
            foreach (var shape in shapes)
            {
                var cost = family == "matmul" ? MatMulAA.Cost(shape) : MatMulTruncAA.Cost(shape);
                all.Add((family, new($"{family}_{shape.M}x{shape.K}x{shape.N}", shape.OutputLength, cost, (long)shape.M * shape.K * shape.N,
                    c => Binary(c, shape.M * shape.K, shape.K * shape.N, (x, y) => family == "matmul" ? MatMulAA.MatMul(c, x, y, shape) : MatMulTruncAA.MatMulTrunc(c, x, y, shape)))));
            }
        }
        return all.Where(e => families.Contains(e.Family)).Select(e => e.Case).ToArray();
    }

    private static PreparedCall Unary(PartyContext context, int length, Func<AShare, AShare> protocol)
    {
        var x = Share(context, length, seed: 1);
        return new PreparedCall(() => protocol(x).Dispose(), x);
    }

    private static PreparedCall Binary(PartyContext context, int xLength, int yLength, Func<AShare, AShare, AShare> protocol)
    {
        var x = Share(context, xLength, seed: 1);
        var y = Share(context, yLength, seed: 2);
        return new PreparedCall(() => protocol(x, y).Dispose(), x, y);
    }

    private static PreparedCall BooleanAnd(PartyContext context, int length)
    {
        var x = Input.ShareB(context, 0, context.Id == 0 ? RandomWords(length, seed: 1) : [], length);
        var y = Input.ShareB(context, 0, context.Id == 0 ? RandomWords(length, seed: 2) : [], length);
        return new PreparedCall(() => AndBB.And(context, x, y).Dispose(), x, y);
    }

    private static AShare Share(PartyContext context, int length, int seed)
    {
        if (context.Id != 0) return Input.ShareA(context, 0, [], length);
        var random = new Random(seed);
        var values = new ulong[length];
        for (int i = 0; i < length; i++) values[i] = FixedPoint.Encode(random.NextDouble() * 8 - 4, context.Config.FractionalBits);
        return Input.ShareA(context, 0, values, length);
    }

    private static ulong[] RandomWords(int length, int seed)
    {
        var words = new ulong[length];
        new Random(seed).NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(words.AsSpan()));
        return words;
    }
}
