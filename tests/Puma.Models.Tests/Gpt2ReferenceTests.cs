using Xunit.Abstractions;
using Puma.Models.Checkpoints;
using Puma.Models.Reference;

namespace Puma.Models.Tests;

public sealed class Gpt2ReferenceTests(ITestOutputHelper output) : IDisposable
{
    private const double Tolerance = 1e-4;
    private readonly TinyModels _models = new();

    public void Dispose() => _models.Dispose();

    [SkippableFact]
    public void SotuLogitsAndTop5MatchPyTorch()
    {
        SharedFixtures.SkipIfMissing();
        var model = ReferenceFixtures.Gpt2;
        var width = model.Weights.Config.Width;
        var (worst, fingerprint) = (0.0, 0UL);
        foreach (var sotu in ReferenceFixtures.SotuCases)
        {
            var hidden = model.FinalHidden(sotu.Ids);
            var first = model.LogitsOf(hidden.AsSpan(0, width));
            var last = model.LogitsOf(hidden.AsSpan((sotu.Ids.Length - 1) * width, width));
            fingerprint = ReferenceFixtures.Fingerprint(ReferenceFixtures.Fingerprint(fingerprint, hidden), last);

            for (var i = 0; i < sotu.FirstRowHead.Length; i++)
            {
                worst = Math.Max(worst, ReferenceFixtures.RelativeError(first[i], sotu.FirstRowHead[i]));
                worst = Math.Max(worst, ReferenceFixtures.RelativeError(last[i], sotu.LastRowHead[i]));
            }
            var top5 = Enumerable.Range(0, last.Length).OrderByDescending(i => last[i]).Take(5);
            Assert.Equal(sotu.LastTop5, top5);
        }
        output.WriteLine($"GPT-2 sotu: worst relative logit error {worst:E2}, bit fingerprint {fingerprint:X16}");
        Assert.True(worst < Tolerance, $"worst relative logit error {worst:E2}");
    }

    [Fact]
    public void AllRowLogitsAgreeWithPerRowLmHead()
    {
        var model = new Gpt2Reference(Gpt2Weights.Load(_models.WriteModel(_models.Gpt2ConfigJson(), TinyModels.Gpt2Tensors(3, TensorDType.F32))));
        int[] ids = [1, 5, 22, 0, 7];
        var all = model.Logits(ids);
        var hidden = model.FinalHidden(ids);
        var lastRow = model.LogitsOf(hidden.AsSpan(4 * TinyModels.Width, TinyModels.Width));
        Assert.Equal(lastRow, all[(4 * TinyModels.Vocab)..]);
    }

    [Fact]
    public void AttentionIsCausal()
    {
        var model = new Gpt2Reference(Gpt2Weights.Load(_models.WriteModel(_models.Gpt2ConfigJson(), TinyModels.Gpt2Tensors(4, TensorDType.F32))));
        var a = model.Logits([3, 1, 4, 1, 5]);
        var b = model.Logits([3, 1, 4, 9, 2]);
        var prefix = 3 * TinyModels.Vocab;
        Assert.Equal(a[..prefix], b[..prefix]);
        Assert.NotEqual(a[prefix..], b[prefix..]);
    }

    [Theory]
    [InlineData(TensorDType.F16)]
    [InlineData(TensorDType.BF16)]
    public void HalfPrecisionCheckpointGivesTheSameModelAsItsF32Copy(TensorDType dtype)
    {
        var half = TinyModels.Gpt2Tensors(5, dtype);
        var single = half.Select(t => t with { DType = TensorDType.F32 }).ToList();
        var fromHalf = new Gpt2Reference(Gpt2Weights.Load(_models.WriteModel(_models.Gpt2ConfigJson(), half)));
        var fromSingle = new Gpt2Reference(Gpt2Weights.Load(_models.WriteModel(_models.Gpt2ConfigJson(), single)));
        Assert.Equal(fromSingle.Logits([2, 7, 1]), fromHalf.Logits([2, 7, 1]));
    }

    [Fact]
    public void MissingTensorIsNamed()
    {
        var tensors = TinyModels.Gpt2Tensors(1, TensorDType.F32).Where(t => t.Name != "h.1.mlp.c_fc.bias");
        var folder = _models.WriteModel(_models.Gpt2ConfigJson(), tensors);
        var error = Assert.Throws<CheckpointException>(() => Gpt2Weights.Load(folder));
        Assert.Equal("h.1.mlp.c_fc.bias", error.TensorName);
        Assert.Contains("tensor not found", error.Message);
        Assert.EndsWith("model.safetensors", error.FilePath);
    }

    [Fact]
    public void ConfigThatDisagreesWithTheTensorsIsNamed()
    {
        var folder = _models.WriteModel(_models.Gpt2ConfigJson(inner: 16), TinyModels.Gpt2Tensors(1, TensorDType.F32));
        var error = Assert.Throws<CheckpointException>(() => Gpt2Weights.Load(folder));
        Assert.Equal("h.0.mlp.c_fc.weight", error.TensorName);
        Assert.Contains("shape [8, 12] does not match [8, 16] implied by the config", error.Message);
    }

    [Fact]
    public void BadConfigIsRejectedBeforeTheWeights()
    {
        var folder = _models.WriteModel(_models.Gpt2ConfigJson(heads: 3), TinyModels.Gpt2Tensors(1, TensorDType.F32));
        var error = Assert.Throws<CheckpointException>(() => Gpt2Weights.Load(folder));
        Assert.EndsWith("config.json", error.FilePath);
        Assert.Contains("3 heads do not divide n_embd 8", error.Message);
    }

    [Fact]
    public void InputsOutsideTheModelAreRejected()
    {
        var model = new Gpt2Reference(Gpt2Weights.Load(_models.WriteModel(_models.Gpt2ConfigJson(), TinyModels.Gpt2Tensors(1, TensorDType.F32))));
        Assert.Throws<ArgumentException>(() => model.Logits([TinyModels.Vocab]));
        Assert.Throws<ArgumentException>(() => model.Logits(new int[TinyModels.Positions + 1]));
    }
}
