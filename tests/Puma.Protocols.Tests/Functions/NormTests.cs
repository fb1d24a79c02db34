using Puma.Protocols.Core;
using Puma.Protocols.Functions;
using Puma.Protocols.Functions.Reference;
using Puma.Simd;
using Xunit.Abstractions;
using static Puma.Protocols.Tests.Functions.FunctionHarness;

namespace Puma.Protocols.Tests.Functions;

public class NormTests(ITestOutputHelper output)
{
    private const int Rows = 5, D = 96;
    private const double Epsilon = 1e-5;

    private static (double[] X, double[] Gamma, double[] Beta) Data()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, Rows * D).Select(i => (random.NextDouble() - 0.5) * (1 + i / D * 4) + i / D - 2).ToArray();
        // A constant row (σ = 0, only ε) and a wide one.
        for (int j = 0; j < D; j++) x[j] = 0.75;
        for (int j = 0; j < D; j++) x[D + j] = (j % 2 == 0 ? 1 : -1) * 40.0;
        var gamma = Enumerable.Range(0, D).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var beta = Enumerable.Range(0, D).Select(_ => random.NextDouble() - 0.5).ToArray();
        return (x, gamma, beta);
    }

    [Fact]
    public void LayerNormMatchesPlaintext()
    {
        var (x, gamma, beta) = Data();
        var y = Run(x, gamma, beta, (c, s) => LayerNormA.LayerNorm(c, s[0], s[1], s[2], Epsilon));
        var expected = PlaintextReference.LayerNorm(x, gamma, beta, Epsilon);
        double maxAbs = y.Select((v, i) => Math.Abs(v - expected[i])).Max();
        output.WriteLine($"layernorm max abs error {maxAbs:E3}");
        // rsqrt's relative error (≤ 1.5e-5) times |y − β| (≤ 2.5 here), plus 2 ulp of rounding; the
        // constant row (σ = 0) is off by μ's 2^-6 ulp times γ/√ε ≤ 474: 2.8e-5. Measured ≤ 4e-5.
        Assert.InRange(maxAbs, 0, 6e-5);
    }

    [Fact]
    public void RmsNormMatchesPlaintext()
    {
        var (x, gamma, beta) = Data();
        var y = Run(x, gamma, beta, (c, s) => RmsNormA.RmsNorm(c, s[0], s[1], Epsilon));
        var expected = PlaintextReference.RmsNorm(x, gamma, Epsilon);
        double maxAbs = y.Select((v, i) => Math.Abs(v - expected[i])).Max();
        output.WriteLine($"rmsnorm max abs error {maxAbs:E3}");
        // rsqrt's relative error (≤ 1.5e-5) times |y| (≤ 2.5 here), plus 2 ulp of rounding. Measured ≤ 2e-5.
        Assert.InRange(maxAbs, 0, 4.5e-5);
    }

    [Fact]
    public void MeasuredCostsEqualDeclared()
    {
        var (x, gamma, beta) = Data();
        var inputs = new[] { Encode(x), Encode(gamma), Encode(beta) };
        var layerNorm = Harness.Measure(inputs, (c, s) => LayerNormA.LayerNorm(c, s[0], s[1], s[2], Epsilon).Dispose());
        Assert.Equal(LayerNormA.Cost(Rows, D), layerNorm);
        Assert.Equal(19, layerNorm.Rounds);
        var rmsNorm = Harness.Measure(inputs, (c, s) => RmsNormA.RmsNorm(c, s[0], s[1], Epsilon).Dispose());
        Assert.Equal(RmsNormA.Cost(Rows, D), rmsNorm);
        Assert.Equal(17, rmsNorm.Rounds);
        output.WriteLine($"layernorm {layerNorm.Rounds} rounds {layerNorm.BytesPerElementPerParty(Rows * D):F1} B/elem/party; rmsnorm {rmsNorm.Rounds} rounds {rmsNorm.BytesPerElementPerParty(Rows * D):F1}");
    }

    [Fact]
    public void EmbeddingIsExact()
    {
        const int tokens = 4, vocabulary = 10, dimension = 6;
        int[] ids = [3, 0, 9, 3];
        var oneHot = ids.SelectMany(id => Enumerable.Range(0, vocabulary).Select(v => v == id ? 1UL : 0UL)).ToArray();
        var random = new Random(11);
        var table = Enumerable.Range(0, vocabulary * dimension).Select(_ => FixedPoint.Encode(random.NextDouble() * 8 - 4)).ToArray();
        var y = Harness.Evaluate([oneHot, table], (c, s) => EmbeddingA.Embed(c, s[0], s[1], tokens, vocabulary, dimension));
        Assert.Equal(ids.SelectMany(id => table.Skip(id * dimension).Take(dimension)), y);
        var cost = Harness.Measure([oneHot, table], (c, s) => EmbeddingA.Embed(c, s[0], s[1], tokens, vocabulary, dimension).Dispose());
        Assert.Equal(EmbeddingA.Cost(tokens, vocabulary, dimension), cost);
    }

    private static double[] Run(double[] x, double[] gamma, double[] beta, Func<PartyContext, AShare[], AShare> body)
        => Harness.Evaluate([Encode(x), Encode(gamma), Encode(beta)], body).Select(v => FixedPoint.Decode(v, F)).ToArray();
}
