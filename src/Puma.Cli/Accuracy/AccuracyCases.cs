using Puma.Protocols.Core;
using Puma.Protocols.Functions;
using Puma.Protocols.Functions.Reference;
using Puma.Simd;

namespace Puma.Cli.Accuracy;

/// <summary>
/// The functions <c>puma bench accuracy</c> checks, on the grids of docs/ACCURACY.md: elementwise
/// functions on a dense linear grid (step 2^-8) over and beyond their approximated interval,
/// reciprocal and rsqrt on a log2 grid, the row-wise functions on random rows of model width.
/// Relative errors count where the reference is at least 1 (2^f ulp), or 1/16 (2^(f−4) ulp) for
/// the functions whose values stay below 1 (tanh, sigmoid, exp of x ≤ 0, softmax).
/// </summary>
internal static class AccuracyCases
{
    private const double Step = 1.0 / 256;
    private const int SoftmaxRows = 16, SoftmaxColumns = 128, NormRows = 8, NormWidth = 768;
    private const double Epsilon = 1e-5;
    private const double Floor = 1, BelowOneFloor = 1.0 / 16;

    public static IReadOnlyList<AccuracyCase> All()
    {
        int f = ProtocolConfig.Default.FractionalBits;
        return
        [
            Linear("gelu", -8, 8, Floor, GeluA.Gelu, PlaintextReference.Gelu),
            Linear("gelu_puma", -8, 8, Floor, GeluA.GeluPuma, PlaintextReference.Gelu),
            Linear("silu", -12, 12, Floor, SiluA.Silu, PlaintextReference.Silu),
            Linear("tanh", -8, 8, BelowOneFloor, TanhA.Tanh, PlaintextReference.Tanh),
            Linear("sigmoid", -12, 12, BelowOneFloor, SigmoidA.Sigmoid, PlaintextReference.Sigmoid),
            Linear("exp", -16, 0, BelowOneFloor, NegExpA.NegExp, PlaintextReference.Exp),
            Linear("exp_general", -16, 20, Floor, ExpA.Exp, PlaintextReference.Exp),
            LogGrid("reciprocal", -18, 6, (c, x) => ReciprocalA.Reciprocal(c, x), PlaintextReference.Reciprocal),
            LogGrid("rsqrt", -18, 12, (c, x) => RsqrtA.Rsqrt(c, x), PlaintextReference.ReciprocalSqrt),
            Softmax(f),
            Norm("layernorm", f, (c, x, gamma, beta) => LayerNormA.LayerNorm(c, x, gamma, beta, Epsilon), (x, gamma, beta) => PlaintextReference.LayerNorm(x, gamma, beta, Epsilon)),
            Norm("rmsnorm", f, (c, x, gamma, _) => RmsNormA.RmsNorm(c, x, gamma, Epsilon), (x, gamma, _) => PlaintextReference.RmsNorm(x, gamma, Epsilon)),
        ];
    }

    private static AccuracyCase Linear(string name, double from, double to, double relErrorFloor, Func<PartyContext, AShare, AShare> secure, Func<double, double> reference)
    {
        int points = (int)Math.Round((to - from) / Step) + 1;
        var x = Quantise(Enumerable.Range(0, points).Select(i => from + i * Step));
        return new(name, new AccuracyGrid(from, to, points, "step 2^-8"), x, relErrorFloor, secure, v => [.. v.Select(reference)]);
    }

    private static AccuracyCase LogGrid(string name, double fromExponent, double toExponent, Func<PartyContext, AShare, AShare> secure, Func<double, double> reference)
    {
        const int points = 2000;
        var x = Quantise(Enumerable.Range(0, points).Select(i => Math.Pow(2, fromExponent + (toExponent - fromExponent) * i / (points - 1))));
        return new(name, new AccuracyGrid(Math.Pow(2, fromExponent), Math.Pow(2, toExponent), points, "log2"), x, Floor, secure, v => [.. v.Select(reference)]);
    }

    private static AccuracyCase Softmax(int fractionalBits)
    {
        var x = Random(SoftmaxRows * SoftmaxColumns, seed: 7, -8, 8, fractionalBits);
        var grid = new AccuracyGrid(-8, 8, x.Length, $"uniform random, {SoftmaxRows} rows of {SoftmaxColumns}");
        return new("softmax", grid, x, BelowOneFloor, (c, s) => SoftmaxA.Softmax(c, s, SoftmaxRows, SoftmaxColumns), v => PlaintextReference.Softmax(v, SoftmaxColumns));
    }

    /// <summary>Rows uniform in [-4, 4) shifted by their row index (a non-zero mean); γ, β uniform in [0.5, 1.5) and [-0.5, 0.5).</summary>
    private static AccuracyCase Norm(string name, int fractionalBits, Func<PartyContext, AShare, AShare, AShare, AShare> secure, Func<double[], double[], double[], double[]> reference)
    {
        var x = Random(NormRows * NormWidth, seed: 3, -4, 4, fractionalBits).Select((v, i) => v + i / NormWidth).ToArray();
        var gamma = Random(NormWidth, seed: 4, 0.5, 1.5, fractionalBits);
        var beta = Random(NormWidth, seed: 5, -0.5, 0.5, fractionalBits);
        var grid = new AccuracyGrid(-4, 4 + NormRows - 1, x.Length, $"uniform random in [-4, 4) + row index, {NormRows} rows of {NormWidth}");
        return new(name, grid, x, Floor, (c, s) => WithParameters(c, s, gamma, beta, secure), v => reference(v, gamma, beta));
    }

    /// <summary>P0 shares γ and β (untimed; accuracy only) and the function runs on them.</summary>
    private static AShare WithParameters(PartyContext context, AShare x, double[] gamma, double[] beta, Func<PartyContext, AShare, AShare, AShare, AShare> secure)
    {
        int f = context.Config.FractionalBits;
        using var gammaShare = Input.ShareA(context, 0, context.Id == 0 ? gamma.Select(v => FixedPoint.Encode(v, f)).ToArray() : [], gamma.Length);
        using var betaShare = Input.ShareA(context, 0, context.Id == 0 ? beta.Select(v => FixedPoint.Encode(v, f)).ToArray() : [], beta.Length);
        return secure(context, x, gammaShare, betaShare);
    }

    private static double[] Random(int length, int seed, double low, double high, int fractionalBits)
    {
        var random = new Random(seed);
        return Quantise(Enumerable.Range(0, length).Select(_ => low + random.NextDouble() * (high - low)), fractionalBits);
    }

    /// <summary>Rounds to the fixed-point grid, so the reference sees what the protocol sees.</summary>
    private static double[] Quantise(IEnumerable<double> x, int fractionalBits = FixedPoint.DefaultFractionalBits)
        => [.. x.Select(v => FixedPoint.Decode(FixedPoint.Encode(v, fractionalBits), fractionalBits))];
}
