using Puma.Models.Checkpoints;
using Puma.Models.Reference;
using Puma.Models.Secure;
using Xunit.Abstractions;

namespace Puma.Models.Tests.Secure;

/// <summary>Secure GPT-2 window logits and generation against the float64 reference.</summary>
public sealed class SecureGpt2Tests(ITestOutputHelper output) : IDisposable
{
    private readonly TinyModels _models = new();

    public void Dispose() => _models.Dispose();

    [Fact]
    public void RandomModelWindowLogitsMatchTheReference()
    {
        var weights = Gpt2Weights.Load(_models.WriteModel(_models.Gpt2ConfigJson(), TinyModels.Gpt2Tensors(31, TensorDType.F32)));
        var reference = new Gpt2Reference(weights);
        int[][] windows = [[1, 5, 22, 0, 7, 3, 3, 9, 14, 2, 11, 19, 6, 8, 17, 4], [9, 2, 13]];

        var secure = SecureGpt2.WindowLogits(weights, windows);

        var expected = windows.SelectMany(window => Rows(reference.Logits(window), TinyModels.Vocab)).ToArray();
        Assert.Equal(expected.Length, secure.Rows.Length);
        var worst = expected.Select((row, r) => row.Select((value, i) => Math.Abs(value - secure.Rows[r][i])).Max()).Max();
        output.WriteLine($"max abs logit error {worst:G4}");
        Assert.InRange(worst, 0, 0.05);
    }

    private static double[][] Rows(double[] flat, int width) => [.. flat.Chunk(width)];
}
