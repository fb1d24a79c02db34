using Puma.Protocols.Arithmetic;
using Puma.Protocols.Boolean;
using Puma.Protocols.Compare;
using Puma.Protocols.Core;
using Puma.Protocols.Functions;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Tests.Security;

/// <summary>
/// Every protocol of Puma.Protocols as the security tests run it, on a secret of
/// <see cref="Length"/> elements (<see cref="Rows"/> rows of <see cref="Columns"/> where rows
/// matter). Building blocks without an entry of their own (nibble stage, carry tree, packed AND,
/// AND reduction, grouped dot, segment select, exponent one-hot, piecewise evaluation) run inside
/// the entries that use them.
/// </summary>
internal static class ProtocolCatalog
{
    public const int Rows = 24, Columns = 128, Length = Rows * Columns;

    /// <summary>
    /// Elements for the protocols that compare against every exponent position (exp and, on the full
    /// range, reciprocal and rsqrt, which run on one value per row in the models): tens of
    /// comparisons per element still fill every link with thousands of words.
    /// </summary>
    private const int Short = 1024;

    private const int Bits = FixedPoint.DefaultFractionalBits;

    /// <summary>|x| &lt; 2^40 ring units: fixed-point magnitudes up to 2^22 at f = 18.</summary>
    private const int MagnitudeBits = 40;

    private static readonly MatMulShape Shape = new(48, 64, 48);
    private static readonly MatMulShape TransposedShape = new(48, 64, 48, TransposeY: true);
    private const int Vocabulary = 128, Dimension = 64;

    private static readonly ulong[] Thresholds = [FixedPoint.Encode(-2), FixedPoint.Encode(0), FixedPoint.Encode(3)];

    private static readonly MaxPlan CoarsePlan = MaxPlan.Within(Columns, 34, SignMethod.Coarse(MagnitudeBits));

    public static IReadOnlyList<ViewedProtocol> All { get; } =
    [
        // The seed agreement every run starts with, then sharing and opening.
        new("seed_setup", 0, v => { v.Record(); return null; }, RecordsSetup: true),
        new("input", Length, v => { v.Record(); return v.Secret(); }),
        new("input_from_client", Length, v => { v.Record(); return v.Secret(); }, ClientInput: true),
        new("input_boolean", 0, v => { v.Record(); v.SecretWords(); return null; }),
        new("reveal_to_all", 0, v => Opened(v, x => Reveal.RevealToAll(v.Context, x)), Opens: true),
        new("reveal_to_party", 0, v => Opened(v, x => Reveal.RevealToParty(v.Context, x, 1)), Opens: true),
        new("reveal_boolean", 0, v => { var x = v.SecretWords(); v.Record(); Reveal.RevealToAll(v.Context, x); return null; }, Opens: true),

        // Products and truncation.
        new("mul", Length, v => WithWeights(v, (c, x, w) => MulAA.Mul(c, x, w))),
        new("matmul", Shape.OutputLength, v => WithWeights(v, (c, x, w) => MatMulAA.MatMul(c, x, w, Shape))),
        new("matmul_transposed", TransposedShape.OutputLength, v => WithWeights(v, (c, x, w) => MatMulAA.MatMul(c, x, w, TransposedShape))),
        new("trunc", Length, v => OnSecret(v, (c, x) => TruncA.Trunc(c, x, Bits))),
        new("mul_trunc", Length, v => WithWeights(v, (c, x, w) => MulTruncAA.MulTrunc(c, x, w))),
        new("matmul_trunc", Shape.OutputLength, v => WithWeights(v, (c, x, w) => MatMulTruncAA.MatMulTrunc(c, x, w, Shape))),
        new("matmul_trunc_row_blocks", TransposedShape.OutputLength, v => WithWeights(v, (c, x, w) => MatMulTruncAA.MatMulTrunc(c, x, new ShareRowBlocks(w, TransposedShape.N, TransposedShape.K), TransposedShape.M))),
        new("mul_add_trunc", Length, v => WithWeights(v, (c, x, w) => Into(c, Length, z => MulAddTruncAA.Steps(c, x, [new LinearTerm(w, 3)], [new LinearTerm(x, 7)], 1, Bits, z, (x, w, 5))))),
        new("row_scale_trunc", Length, v => WithWeights(v, Rows, (c, x, s) => RowScaleTruncAA.RowScaleTrunc(c, x, s, Columns))),
        // Rows of 4, so that the one element per row the parties exchange fills the links.
        new("row_dot_trunc", Length / 4, v => WithWeights(v, (c, x, w) => Into(c, Length / 4, z => RowDotTruncAA.Steps(c, x, w, 4, 1, 0, Bits, z)))),
        new("embedding", Rows * Dimension, v =>
        {
            var oneHot = v.Secret(OneHotRows, Rows * Vocabulary);
            var table = v.Weights(Weights(Vocabulary * Dimension));
            v.Record();
            return EmbeddingA.Embed(v.Context, oneHot, table, Rows, Vocabulary, Dimension);
        }),

        // Boolean and comparisons.
        new("and", 0, v => { var x = v.SecretWords(); var y = v.SecretBits(); v.Record(); AndBB.And(v.Context, x, y).Dispose(); return null; }),
        new("msb", 0, v => Comparison(v, (c, x) => MsbA.Msb(c, x))),
        new("coarse_msb", 0, v => Comparison(v, (c, x) => CoarseMsbA.Msb(c, x, CoarseMsbA.ShiftFor(MagnitudeBits)))),
        new("equals_zero", 0, v => Comparison(v, (c, x) => EqualsZeroA.EqualsZero(c, x))),
        new("equal", 0, v => ComparisonWithWeights(v, (c, x, w) => EqualsZeroA.Equal(c, x, w))),
        new("less_than", 0, v => ComparisonWithWeights(v, (c, x, w) => LessThanA.LessThan(c, x, w))),
        new("less_than_public", 0, v => Comparison(v, (c, x) => LessThanA.LessThanPublic(c, x, FixedPoint.Encode(0.5)))),
        new("greater_than_public", 0, v => Comparison(v, (c, x) => LessThanA.GreaterThanPublic(c, x, FixedPoint.Encode(-0.5)))),
        new("select", Length, v => { var bits = v.SecretBits(); var x = v.Secret(); v.Record(); return SelectBA.Select(v.Context, bits, x); }),
        new("bit_to_arithmetic", Length, v => { var bits = v.SecretBits(); v.Record(); return BitToArithmetic.Convert(v.Context, bits); }),
        new("bit_to_arithmetic_by_product", Length, v => { var bits = v.SecretBits(); v.Record(); return BitToArithmeticByProduct.Convert(v.Context, bits); }),
        new("threshold_bits", 3 * Length, v => OnSecret(v, (c, x) => Into(c, 3 * Length, z => ThresholdBitsA.Steps(c, x, Thresholds, z)))),
        new("threshold_bits_coarse_by_product", 3 * Length, v => OnSecret(v, (c, x) => Into(c, 3 * Length, z => ThresholdBitsA.Steps(c, x, Thresholds, z, SignMethod.Coarse(MagnitudeBits), BitConversion.FewerBytes)))),
        new("max", Rows, v => OnSecret(v, (c, x) => MaxA.Max(c, x, Rows, Columns))),
        new("max_binary_tree", Rows, v => OnSecret(v, (c, x) => MaxA.Max(c, x, Rows, Columns, MaxPlan.BinaryTree(Columns)))),
        new("max_coarse", Rows, v => OnSecret(v, (c, x) => MaxA.Max(c, x, Rows, Columns, CoarsePlan))),
        new("argmax", Length, v => OnSecret(v, (c, x) => ArgMaxA.ArgMax(c, x, Rows, Columns))),
        new("argmax_coarse", Length, v => OnSecret(v, (c, x) => ArgMaxA.ArgMax(c, x, Rows, Columns, CoarsePlan))),

        // Nonlinear functions.
        new("relu", Length, v => OnSecret(v, ReluA.Relu)),
        new("exp", Short, v => OnHead(v, Short, ExpA.Exp)),
        new("neg_exp", Length, v => OnSecret(v, NegExpA.NegExp)),
        new("reciprocal", Columns, v => OnHead(v, Columns, (c, x) => ReciprocalA.Reciprocal(c, x))),
        new("rsqrt", Columns, v => OnHead(v, Columns, (c, x) => RsqrtA.Rsqrt(c, x))),
        new("polynomial", Length, v => OnSecret(v, (c, x) => First(v, PolynomialA.Evaluate(c, x, [[0.5, 1, 0.25, -0.125], [1, 0, 1]], 8)))),
        new("gelu", Length, v => OnSecret(v, GeluA.Gelu)),
        new("gelu_puma", Length, v => OnSecret(v, GeluA.GeluPuma)),
        new("silu", Length, v => OnSecret(v, SiluA.Silu)),
        new("sigmoid", Length, v => OnSecret(v, SigmoidA.Sigmoid)),
        new("tanh", Length, v => OnSecret(v, TanhA.Tanh)),
        new("softmax", Length, v => OnSecret(v, (c, x) => SoftmaxA.Softmax(c, x, Rows, Columns))),
        new("softmax_causal", Length, v => OnSecret(v, (c, x) => SoftmaxA.Softmax(c, x, Rows, Columns, [.. Enumerable.Range(0, Rows).Select(r => 1 + r * Columns / Rows)]))),
        new("layernorm", Length, v =>
        {
            var x = v.Secret();
            var gamma = v.Weights(Weights(Columns));
            var beta = v.Weights(Weights(Columns));
            v.Record();
            return LayerNormA.LayerNorm(v.Context, x, gamma, beta, 1e-5);
        }),
        new("rmsnorm", Length, v => WithWeights(v, Columns, (c, x, gamma) => RmsNormA.RmsNorm(c, x, gamma, 1e-5))),

        // Protocols driven together by Steps.Together: their rounds and PRG draws interleave.
        new("together_mul_trunc", Length, v => WithWeights(v, (c, x, w) => Together(v, Length, z => MulAA.Steps(c, x, w, z), z => TruncA.Steps(c, x, Bits, z)))),
        new("together_msb_bit_to_arithmetic_by_product", Length, v =>
        {
            var x = v.Secret();
            var bits = v.SecretBits();
            v.Record();
            var signs = v.Keep(BShare.Uninitialized(Length));
            return Into(v.Context, Length, z => Steps.Together(MsbA.Steps(v.Context, x, signs), BitToArithmeticByProduct.Steps(v.Context, bits, z)));
        }),
        new("together_coarse_msb_mul_trunc", Length, v => WithWeights(v, (c, x, w) =>
        {
            var signs = v.Keep(BShare.Uninitialized(Length));
            return Into(c, Length, z => Steps.Together(CoarseMsbA.Steps(c, x, CoarseMsbA.ShiftFor(MagnitudeBits), signs), MulTruncAA.Steps(c, x, w, Bits, z)));
        })),
        new("together_exp_gelu", Short, v => OnHead(v, Short, (c, x) => Together(v, Short, z => ExpA.Steps(c, x, z), z => GeluA.Steps(c, x, z)))),
        new("together_softmax_max", Length, v => OnSecret(v, (c, x) => Together(v, Length, z => SoftmaxA.Steps(c, x, Rows, Columns, null, z), z => MaxA.Steps(c, x, Rows, Columns, MaxPlan.For(Columns), z), secondLength: Rows))),
    ];

    public static ViewedProtocol Named(string name) => All.Single(p => p.Name == name);

    /// <summary>Model-like weights in [-1, 1), the same in every run.</summary>
    private static ulong[] Weights(int length)
    {
        var random = new Random(5);
        return [.. Enumerable.Range(0, length).Select(_ => FixedPoint.Encode(random.NextDouble() * 2 - 1))];
    }

    /// <summary>Row r of the one-hot marks token secret[r] mod V.</summary>
    private static ulong[] OneHotRows(ulong[] secret)
    {
        var oneHot = new ulong[Rows * Vocabulary];
        for (int r = 0; r < Rows; r++) oneHot[r * Vocabulary + (int)(secret[r] % Vocabulary)] = 1;
        return oneHot;
    }

    private static AShare OnSecret(PartyView v, Func<PartyContext, AShare, AShare> protocol)
    {
        return protocol(v.Context, OnSecretShare(v));
    }

    /// <summary>As <see cref="OnSecret"/> on the first <paramref name="count"/> elements of the secret.</summary>
    private static AShare OnHead(PartyView v, int count, Func<PartyContext, AShare, AShare> protocol)
    {
        var x = v.Secret(secret => secret[..count], count);
        v.Record();
        return protocol(v.Context, x);
    }

    private static AShare WithWeights(PartyView v, Func<PartyContext, AShare, AShare, AShare> protocol) => WithWeights(v, Length, protocol);

    private static AShare WithWeights(PartyView v, int weights, Func<PartyContext, AShare, AShare, AShare> protocol)
    {
        var x = v.Secret();
        var w = v.Weights(Weights(weights));
        v.Record();
        return protocol(v.Context, x, w);
    }

    private static AShare? Opened(PartyView v, Action<AShare> reveal)
    {
        reveal(OnSecretShare(v));
        return null;
    }

    private static AShare? Comparison(PartyView v, Func<PartyContext, AShare, BShare> comparison)
    {
        comparison(v.Context, OnSecretShare(v)).Dispose();
        return null;
    }

    private static AShare? ComparisonWithWeights(PartyView v, Func<PartyContext, AShare, AShare, BShare> comparison)
    {
        var x = v.Secret();
        var w = v.Weights(Weights(Length));
        v.Record();
        comparison(v.Context, x, w).Dispose();
        return null;
    }

    /// <summary>Shares the secret, then starts recording.</summary>
    private static AShare OnSecretShare(PartyView v)
    {
        var x = v.Secret();
        v.Record();
        return x;
    }

    /// <summary>Runs a coroutine protocol into a fresh output of <paramref name="length"/> elements.</summary>
    private static AShare Into(PartyContext context, int length, Func<AShare, IEnumerable<Step>> protocol)
    {
        var z = new AShare(length);
        context.Run(protocol(z));
        return z;
    }

    /// <summary>Runs two protocols together; the first one's output is the result, the second's is dropped.</summary>
    private static AShare Together(PartyView v, int length, Func<AShare, IEnumerable<Step>> first, Func<AShare, IEnumerable<Step>> second, int? secondLength = null)
    {
        var other = v.Keep(new AShare(secondLength ?? length));
        return Into(v.Context, length, z => Steps.Together(first(z), second(other)));
    }

    private static AShare First(PartyView v, AShare[] results)
    {
        foreach (var extra in results.Skip(1)) v.Keep(extra);
        return results[0];
    }
}
