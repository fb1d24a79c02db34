using Puma.Models.Checkpoints;
using Puma.Models.Llama2c;
using Puma.Models.Progress;
using Puma.Models.Reference;
using Puma.Models.Secure;

namespace Puma.Models.Tests.Progress;

/// <summary>The long steps report <see cref="ProgressStep"/>s that add up: loading, dealing the weights.</summary>
public sealed class ProgressReportTests : IDisposable
{
    private readonly TinyModels _models = new();

    public void Dispose() => _models.Dispose();

    [Fact]
    public void LoadingReportsEveryTensorByteOfTheFile()
    {
        var directory = _models.WriteModel(_models.Gpt2ConfigJson(), TinyModels.Gpt2Tensors(5, TensorDType.F32));
        var progress = new RecordingProgress();

        Gpt2Weights.Load(directory, progress);

        using var file = SafetensorsFile.Open(Path.Combine(directory, "model.safetensors"));
        var steps = progress.Stage(ProgressStages.LoadingWeights);
        Assert.Equal(file.Tensors.Values.Sum(tensor => tensor.ByteLength), steps[^1].Total);
        Assert.True(steps.Count > file.Tensors.Count / 2, $"{steps.Count} reports for {file.Tensors.Count} tensors");
    }

    [Fact]
    public void DealingReportsEightBytesPerWeightFromTheOwnerAlone()
    {
        var weights = Gpt2Weights.Load(_models.WriteModel(_models.Gpt2ConfigJson(), TinyModels.Gpt2Tensors(6, TensorDType.F32)));
        var progress = new RecordingProgress();

        SecureGpt2.WindowLogits(weights, [[1, 2, 3]], progress: progress);

        var steps = progress.Stage(ProgressStages.DealingWeights);
        Assert.Equal(8 * SharedWeightCount(weights), steps[^1].Total);
        // The owner alone reports: once per tensor it encodes (embeddings, 12 per layer, final norm, an untied head), once shared.
        var tensors = 4 + 12 * weights.Layers.Count + (weights.Config.TieWordEmbeddings ? 0 : 1);
        Assert.Equal(tensors + 1, steps.Count);
    }

    /// <summary>LLaMA shares tensor by tensor: the sizes it adds up must reach the total it announced before the last report.</summary>
    [Fact]
    public void LlamaDealingAddsUpToItsTotal()
    {
        var header = Llama2cWriter.Small;
        using var file = new LlamaTemporaryFile(Llama2cWriter.Bytes(header, Llama2cWriter.RandomFloats(header, seed: 21)));
        using var checkpoint = Llama2cCheckpoint.Open(file.Path);
        var progress = new RecordingProgress();

        SecureLlama.Generate(checkpoint, [1, 2], 1, progress: progress);

        var steps = progress.Stage(ProgressStages.DealingWeights);
        Assert.Equal(steps[^1].Total, steps[^2].Done);
    }

    private static long SharedWeightCount(Gpt2Weights weights)
    {
        var layers = weights.Layers.Sum(layer => (long)layer.Norm1Weight.Length + layer.Norm1Bias.Length + layer.QkvWeight.Length + layer.QkvBias.Length
            + layer.AttentionOutputWeight.Length + layer.AttentionOutputBias.Length + layer.Norm2Weight.Length + layer.Norm2Bias.Length
            + layer.MlpUpWeight.Length + layer.MlpUpBias.Length + layer.MlpDownWeight.Length + layer.MlpDownBias.Length);
        var head = weights.Config.TieWordEmbeddings ? 0 : weights.LmHead.Length;
        return weights.TokenEmbedding.Length + weights.PositionEmbedding.Length + layers + weights.FinalNormWeight.Length + weights.FinalNormBias.Length + head;
    }
}
