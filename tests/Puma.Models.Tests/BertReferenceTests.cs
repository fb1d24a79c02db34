using Xunit.Abstractions;
using Puma.Models.Checkpoints;
using Puma.Models.Reference;

namespace Puma.Models.Tests;

public sealed class BertReferenceTests(ITestOutputHelper output) : IDisposable
{
    private const double Tolerance = 1e-4;
    private readonly TinyModels _models = new();

    public void Dispose() => _models.Dispose();

    [SkippableFact]
    public void SpamEvalLogitsMatchPyTorchForAll600Emails()
    {
        SharedFixtures.SkipIfMissing();
        var model = ReferenceFixtures.Bert;
        var emails = ReferenceFixtures.SpamEmails;
        var (worst, correct, agreeing, fingerprint) = (0.0, 0, 0, 0UL);
        foreach (var email in emails)
        {
            var logits = model.Classify(email.Ids);
            fingerprint = ReferenceFixtures.Fingerprint(fingerprint, logits);
            for (var i = 0; i < logits.Length; i++)
                worst = Math.Max(worst, ReferenceFixtures.RelativeError(logits[i], email.Logits[i]));
            var predicted = logits[1] > logits[0] ? 1 : 0;
            if (predicted == email.Label) correct++;
            if (predicted == (email.Logits[1] > email.Logits[0] ? 1 : 0)) agreeing++;
        }
        output.WriteLine($"BERT spam-eval: accuracy {correct}/{emails.Length} = {(double)correct / emails.Length:P2}, " +
            $"predictions agreeing with PyTorch {agreeing}/{emails.Length}, worst relative logit error {worst:E2}, bit fingerprint {fingerprint:X16}");
        Assert.Equal(emails.Length, agreeing);
        Assert.True(worst < Tolerance, $"worst relative logit error {worst:E2}");
    }

    [Fact]
    public void LoadsBertModelWithoutHeadAndRefusesToClassify()
    {
        var folder = _models.WriteModel(_models.BertConfigJson("BertModel"), TinyModels.BertTensors(2, TensorDType.F32, withHead: false));
        var model = new BertReference(BertWeights.Load(folder));
        Assert.Null(model.Weights.Head);
        var encoded = model.Encode([1, 2, 3]);
        Assert.Equal(3 * TinyModels.Width, encoded.Length);
        Assert.Throws<InvalidOperationException>(() => model.Classify([1, 2, 3]));
    }

    [Fact]
    public void AttentionIsBidirectionalAndTokenTypesMatter()
    {
        var model = new BertReference(BertWeights.Load(_models.WriteModel(_models.BertConfigJson(), TinyModels.BertTensors(3, TensorDType.F32))));
        var a = model.Encode([3, 1, 4]);
        var b = model.Encode([3, 1, 5]);
        Assert.NotEqual(a[..TinyModels.Width], b[..TinyModels.Width]);
        Assert.NotEqual(model.Classify([3, 1, 4]), model.Classify([3, 1, 4], [0, 1, 1]));
    }

    [Fact]
    public void MissingClassifierIsNamed()
    {
        var tensors = TinyModels.BertTensors(1, TensorDType.F32).Where(t => t.Name != "classifier.bias");
        var error = Assert.Throws<CheckpointException>(() => BertWeights.Load(_models.WriteModel(_models.BertConfigJson(), tensors)));
        Assert.Equal("classifier.bias", error.TensorName);
    }

    [Fact]
    public void WrongDTypeInHeaderIsNamed()
    {
        var tensors = TinyModels.BertTensors(1, TensorDType.F32);
        var folder = _models.WriteModel(_models.BertConfigJson(), tensors);
        var path = Path.Combine(folder, "model.safetensors");
        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BitConverter.ToUInt64(bytes, 0);
        var header = System.Text.Encoding.UTF8.GetString(bytes, 8, headerLength).Replace("\"F32\"", "\"I32\"");
        System.Text.Encoding.UTF8.GetBytes(header).CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<CheckpointException>(() => BertWeights.Load(folder));
        Assert.Contains("dtype 'I32' is not supported", error.Message);
        Assert.NotNull(error.TensorName);
    }
}
