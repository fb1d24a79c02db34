using Puma.Models.Llama2c;
using Puma.Models.Reference;

namespace Puma.Models.Tests;

/// <summary>Forward-pass properties on small random checkpoints written by the test.</summary>
public class LlamaRandomModelTests
{
    private static readonly int[] Prompt = [1, 7, 39, 0, 12, 12];

    [Fact]
    public void RotateHalfLayoutWithPermutedRowsGivesTheSameLogits()
    {
        var header = Llama2cWriter.Small;
        using var file = new LlamaTemporaryFile(Llama2cWriter.Bytes(header, Llama2cWriter.RandomFloats(header, seed: 10)));
        using var checkpoint = Llama2cCheckpoint.Open(file.Path);

        var interleaved = new LlamaReference(checkpoint).Forward(Prompt);
        var rotateHalf = new LlamaReference(new LlamaRotateHalfWeights(checkpoint)).Forward(Prompt);

        for (var i = 0; i < interleaved.Length; i++) Assert.Equal(interleaved[i], rotateHalf[i], 1e-12);
    }

    [Fact]
    public void UntiedClassifierIsTheOneUsed()
    {
        var tied = Llama2cWriter.Small;
        var untied = tied with { Vocab = -tied.Vocab };
        var floats = Llama2cWriter.RandomFloats(untied, seed: 11);
        using var tiedFile = new LlamaTemporaryFile(Llama2cWriter.Bytes(tied, floats.AsSpan(0, Llama2cWriter.FloatCount(tied))));
        using var untiedFile = new LlamaTemporaryFile(Llama2cWriter.Bytes(untied, floats));
        using var tiedCheckpoint = Llama2cCheckpoint.Open(tiedFile.Path);
        using var untiedCheckpoint = Llama2cCheckpoint.Open(untiedFile.Path);

        Assert.NotEqual(new LlamaReference(tiedCheckpoint).Forward(Prompt), new LlamaReference(untiedCheckpoint).Forward(Prompt));
    }

    [Fact]
    public void GenerationStopsWhenTheContextIsFull()
    {
        var header = Llama2cWriter.Small;
        using var file = new LlamaTemporaryFile(Llama2cWriter.Bytes(header, Llama2cWriter.RandomFloats(header, seed: 12)));
        using var checkpoint = Llama2cCheckpoint.Open(file.Path);

        var generated = LlamaGreedy.Generate(checkpoint, Prompt, count: 10);

        Assert.Equal(header.SeqLen - Prompt.Length + 1, generated.Length);
        Assert.All(generated, id => Assert.InRange(id, 0, header.Vocab - 1));
        var model = new LlamaReference(checkpoint);
        model.Forward([.. Prompt, .. generated[..^1]]);
        Assert.Throws<InvalidOperationException>(() => model.Forward(generated[^1]));
    }

    [Fact]
    public void TokenOutsideTheVocabularyIsRejected()
    {
        var header = Llama2cWriter.Small;
        using var file = new LlamaTemporaryFile(Llama2cWriter.Bytes(header, Llama2cWriter.RandomFloats(header, seed: 13)));
        using var checkpoint = Llama2cCheckpoint.Open(file.Path);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LlamaReference(checkpoint).Forward(header.Vocab));
    }
}
