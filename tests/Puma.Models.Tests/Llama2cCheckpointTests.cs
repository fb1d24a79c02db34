using Puma.Models.Checkpoints;
using Puma.Models.Llama2c;

namespace Puma.Models.Tests;

public class Llama2cCheckpointTests
{
    [Fact]
    public void ReadsTensorsInExportOrderWithSharedClassifier()
    {
        var header = Llama2cWriter.Small;
        var floats = Llama2cWriter.RandomFloats(header, seed: 1);
        using var file = new LlamaTemporaryFile(Llama2cWriter.Bytes(header, floats));
        using var checkpoint = Llama2cCheckpoint.Open(file.Path);

        var config = checkpoint.Config;
        Assert.Equal((16, 24, 2, 4, 2, 40, 8), (config.Dim, config.HiddenDim, config.Layers, config.Heads, config.KvHeads, config.VocabSize, config.MaxSequenceLength));
        Assert.True(checkpoint.Header.SharesClassifier);
        var embedding = 40 * 16;
        Assert.Equal(floats.AsSpan(0, embedding), checkpoint.TokenEmbedding);
        Assert.Equal(floats.AsSpan(0, embedding), checkpoint.Classifier);
        Assert.Equal(floats.AsSpan(embedding + 16, 16), checkpoint.AttentionNorm(1));
        var wq1 = embedding + 2 * 16 + 16 * 16;
        Assert.Equal(floats.AsSpan(wq1, 16 * 16), checkpoint.Query(1));
        var finalNorm = floats.Length - 8 * 4 - 16;
        Assert.Equal(floats.AsSpan(finalNorm, 16), checkpoint.FinalNorm);
    }

    [Fact]
    public void NegativeVocabReadsTheSeparateClassifierAfterTheRopeTables()
    {
        var header = Llama2cWriter.Small with { Vocab = -40 };
        var floats = Llama2cWriter.RandomFloats(header, seed: 2);
        using var file = new LlamaTemporaryFile(Llama2cWriter.Bytes(header, floats));
        using var checkpoint = Llama2cCheckpoint.Open(file.Path);

        Assert.False(checkpoint.Header.SharesClassifier);
        Assert.Equal(40, checkpoint.Config.VocabSize);
        Assert.Equal(floats.AsSpan(floats.Length - 40 * 16), checkpoint.Classifier);
        Assert.Equal(floats.AsSpan(0, 40 * 16), checkpoint.TokenEmbedding);
    }

    [Fact]
    public void TruncatedFileIsRejectedNamingTheFile()
    {
        var header = Llama2cWriter.Small;
        var floats = Llama2cWriter.RandomFloats(header, seed: 3);
        using var file = new LlamaTemporaryFile(Llama2cWriter.Bytes(header, floats.AsSpan(0, floats.Length - 1)));
        var error = Assert.Throws<CheckpointException>(() => Llama2cCheckpoint.Open(file.Path));
        Assert.Contains(file.Path, error.Message);
        Assert.Contains("truncated", error.Message);
        Assert.Contains($"needs {Llama2cHeader.Size + floats.Length * 4} bytes", error.Message);
    }

    [Fact]
    public void FileShorterThanTheHeaderIsRejected()
    {
        using var file = new LlamaTemporaryFile(new byte[10]);
        var error = Assert.Throws<CheckpointException>(() => Llama2cCheckpoint.Open(file.Path));
        Assert.Contains(file.Path, error.Message);
        Assert.Contains("shorter than the 28-byte header", error.Message);
    }

    [Fact]
    public void HeaderDimsThatDoNotMatchTheFileSizeAreRejected()
    {
        var floats = Llama2cWriter.RandomFloats(Llama2cWriter.Small, seed: 4);
        var mislabelled = Llama2cWriter.Small with { Layers = 1 };
        using var file = new LlamaTemporaryFile(Llama2cWriter.Bytes(mislabelled, floats));
        var error = Assert.Throws<CheckpointException>(() => Llama2cCheckpoint.Open(file.Path));
        Assert.Contains(file.Path, error.Message);
        Assert.Contains("does not match its header (dim 16, hidden 24, layers 1,", error.Message);
    }

    [Fact]
    public void UntiedFlagWithoutClassifierBytesIsTruncated()
    {
        var floats = Llama2cWriter.RandomFloats(Llama2cWriter.Small, seed: 5);
        using var file = new LlamaTemporaryFile(Llama2cWriter.Bytes(Llama2cWriter.Small with { Vocab = -40 }, floats));
        var error = Assert.Throws<CheckpointException>(() => Llama2cCheckpoint.Open(file.Path));
        Assert.Contains("truncated", error.Message);
    }

    [Theory]
    [InlineData(16, 3, 3, 40, "dim 16 is not a multiple of heads 3")]
    [InlineData(16, 4, 3, 40, "heads 4 is not a multiple of kv_heads 3")]
    [InlineData(16, 4, 2, 0, "vocab 0 is not a token count")]
    [InlineData(-16, 4, 2, 40, "every dimension must be positive")]
    [InlineData(12, 4, 2, 40, "head size 3 is odd")]
    public void InconsistentHeaderIsRejected(int dim, int heads, int kvHeads, int vocab, string expected)
    {
        var header = new Llama2cHeader(dim, HiddenDim: 24, Layers: 2, heads, kvHeads, vocab, SeqLen: 8);
        using var file = new LlamaTemporaryFile(Llama2cWriter.Bytes(header, new float[64]));
        var error = Assert.Throws<CheckpointException>(() => Llama2cCheckpoint.Open(file.Path));
        Assert.Contains(file.Path, error.Message);
        Assert.Contains("invalid header", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void HeaderWhoseSizesOverflowIsRejected()
    {
        var header = new Llama2cHeader(int.MaxValue - 1, int.MaxValue, int.MaxValue, 1, 1, 40, 8);
        using var file = new LlamaTemporaryFile(Llama2cWriter.Bytes(header, new float[4]));
        var error = Assert.Throws<CheckpointException>(() => Llama2cCheckpoint.Open(file.Path));
        Assert.Contains("overflow", error.Message);
    }

    [Fact]
    public void DisposedCheckpointRefusesAccess()
    {
        var header = Llama2cWriter.Small;
        using var file = new LlamaTemporaryFile(Llama2cWriter.Bytes(header, Llama2cWriter.RandomFloats(header, seed: 6)));
        var checkpoint = Llama2cCheckpoint.Open(file.Path);
        checkpoint.Dispose();
        Assert.Throws<ObjectDisposedException>(() => checkpoint.FinalNorm.Length);
    }

    [SkippableFact]
    public void FixtureHeaderMatchesTheReadme()
    {
        SharedFixtures.SkipIfMissing();
        using var checkpoint = Llama2cCheckpoint.Open(StoriesReference.CheckpointPath);
        Assert.Equal(new Llama2cHeader(64, 172, 5, 8, 4, 512, 512), checkpoint.Header);
    }
}
