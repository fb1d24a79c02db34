using Puma.Models.Checkpoints;
using Puma.Models.Llama2c;

namespace Puma.Models.Tests.Fuzz;

/// <summary>llama2.c <c>.bin</c> checkpoints: every mutation maps with all tensors in bounds, or is a <see cref="CheckpointException"/>.</summary>
public sealed class Llama2cCheckpointFuzzTests
{
    [Theory]
    [InlineData(40)]
    [InlineData(-40)]
    public void MutatedCheckpointsOpenOrFailNamingTheFile(int vocab)
    {
        var header = Llama2cWriter.Small with { Vocab = vocab };
        var valid = Llama2cWriter.Bytes(header, Llama2cWriter.RandomFloats(header, seed: 5));
        using var directory = new LlamaTemporaryDirectory();
        ReaderFuzzer.Run<CheckpointException>(directory.Path, "model.bin", valid, FuzzMutator.Binary, ReadEveryTensor);
    }

    /// <summary>Touches the last float of every tensor, so a span past the mapping would fault here.</summary>
    private static void ReadEveryTensor(string path)
    {
        using var checkpoint = Llama2cCheckpoint.Open(path);
        var sum = checkpoint.TokenEmbedding[^1] + checkpoint.FinalNorm[^1] + checkpoint.Classifier[^1];
        for (var layer = 0; layer < checkpoint.Config.Layers; layer++)
        {
            sum += checkpoint.AttentionNorm(layer)[^1] + checkpoint.Query(layer)[^1] + checkpoint.Key(layer)[^1] + checkpoint.Value(layer)[^1]
                   + checkpoint.AttentionOutput(layer)[^1] + checkpoint.FeedForwardNorm(layer)[^1] + checkpoint.Gate(layer)[^1]
                   + checkpoint.Up(layer)[^1] + checkpoint.Down(layer)[^1];
        }
        GC.KeepAlive(sum);
    }
}
