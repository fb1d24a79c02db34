using Puma.Protocols.Compare;
using Puma.Protocols.Core;
using Puma.Protocols.Functions;
using Puma.Simd;

namespace Puma.Cli.Benchmarks;

/// <summary>
/// The comparison layer and the non-linear functions as <c>puma bench protocols</c> measures
/// them: lt, select, max (rows of <see cref="MaxRowLength"/>), exp (PUMA's, x ≤ 0), relu, gelu and silu
/// on <see cref="ProtocolSizes.NonlinearLength"/> elements; exp_general, reciprocal and rsqrt, which
/// compare each element with 48 to 61 thresholds, on 1/<see cref="WideComparisonDivisor"/> of it;
/// softmax and layernorm at their row shapes, all rows in one call. Reciprocal and rsqrt run over
/// the full exponent range, as a caller that knows nothing about its inputs would.
/// </summary>
internal static class NonlinearCases
{
    /// <summary>Attention rows (BERT-base: 128 tokens).</summary>
    public const int MaxRowLength = 128;

    /// <summary>Keeps the functions built on many comparisons per element as quick as the others.</summary>
    public const int WideComparisonDivisor = 16;

    private const double Epsilon = 1e-5;

    public static IReadOnlyList<string> Families { get; } =
        ["lt", "select", "max", "exp", "exp_general", "reciprocal", "rsqrt", "relu", "gelu", "silu", "softmax", "layernorm"];

    public static IEnumerable<ProtocolCase> All(ProtocolSizes sizes)
    {
        int f = FixedPoint.DefaultFractionalBits, m = sizes.NonlinearLength, w = Math.Max(1, m / WideComparisonDivisor);
        int maxRows = Math.Max(1, m / MaxRowLength);
        var (softmax, layerNorm) = (sizes.Softmax, sizes.LayerNorm);
        yield return new("lt", m, LessThanA.Cost(m), null, c => LessThan(c, m));
        yield return new("select", m, SelectBA.Cost(m), null, c => Select(c, m));
        yield return new("max", maxRows * MaxRowLength, MaxA.Cost(maxRows, MaxRowLength), null,
            c => ProtocolCases.Unary(c, maxRows * MaxRowLength, x => MaxA.Max(c, x, maxRows, MaxRowLength)));
        yield return new("exp", m, NegExpA.Cost(m), null, c => ProtocolCases.Unary(c, m, x => NegExpA.NegExp(c, x), -16, 0));
        yield return new("exp_general", w, ExpA.Cost(w, f), null, c => ProtocolCases.Unary(c, w, x => ExpA.Exp(c, x), -16, 20));
        yield return new("reciprocal", w, ReciprocalA.Cost(w, ExponentRange.Full), null, c => ProtocolCases.Unary(c, w, x => ReciprocalA.Reciprocal(c, x), 1.0 / 16, 64));
        yield return new("rsqrt", w, RsqrtA.Cost(w, ExponentRange.Full), null, c => ProtocolCases.Unary(c, w, x => RsqrtA.Rsqrt(c, x), 1.0 / 16, 64));
        yield return new("relu", m, ReluA.Cost(m), null, c => ProtocolCases.Unary(c, m, x => ReluA.Relu(c, x)));
        yield return new("gelu", m, GeluA.Cost(m), null, c => ProtocolCases.Unary(c, m, x => GeluA.Gelu(c, x)));
        yield return new("silu", m, SiluA.Cost(m, f), null, c => ProtocolCases.Unary(c, m, x => SiluA.Silu(c, x)));
        yield return new("softmax", softmax.Elements, SoftmaxA.Cost(softmax.Rows, softmax.Columns, f), null,
            c => ProtocolCases.Unary(c, softmax.Elements, x => SoftmaxA.Softmax(c, x, softmax.Rows, softmax.Columns), -8, 8));
        yield return new("layernorm", layerNorm.Elements, LayerNormA.Cost(layerNorm.Rows, layerNorm.Columns), null, c => LayerNorm(c, layerNorm));
    }

    private static PreparedCall LessThan(PartyContext context, int length)
    {
        var x = CaseInputs.Values(context, length, seed: 1);
        var y = CaseInputs.Values(context, length, seed: 2);
        return new PreparedCall(() => LessThanA.LessThan(context, x, y).Dispose(), x, y);
    }

    private static PreparedCall Select(PartyContext context, int length)
    {
        var bits = CaseInputs.Bits(context, length, seed: 1);
        var x = CaseInputs.Values(context, length, seed: 2);
        return new PreparedCall(() => SelectBA.Select(context, bits, x).Dispose(), bits, x);
    }

    private static PreparedCall LayerNorm(PartyContext context, RowShape shape)
    {
        var x = CaseInputs.Values(context, shape.Elements, seed: 1);
        var gamma = CaseInputs.Values(context, shape.Columns, seed: 2, 0.5, 1.5);
        var beta = CaseInputs.Values(context, shape.Columns, seed: 3, -0.5, 0.5);
        return new PreparedCall(() => LayerNormA.LayerNorm(context, x, gamma, beta, Epsilon).Dispose(), x, gamma, beta);
    }
}
