using Puma.Models.Checkpoints;
using Puma.Models.Tokenizers;

namespace Puma.Models.Tests.Tokenizers;

public sealed class GgufMetadataTests
{
    /// <summary>A minimal LLaMA-layout SentencePiece vocabulary: unk, BOS, EOS, 256 bytes, then "▁a", "▁", "a".</summary>
    private static (string, object)[] SentencePieceVocabulary(string model = "llama")
    {
        string[] tokens = ["<unk>", "<s>", "</s>", .. Enumerable.Range(0, 256).Select(b => $"<0x{b:X2}>"), "▁a", "▁", "a"];
        float[] scores = [.. tokens.Select((_, id) => id == 259 ? 1f : 0f)];
        int[] types = [2, 3, 3, .. Enumerable.Repeat(6, 256), 1, 1, 1];
        return [("tokenizer.ggml.model", model), ("tokenizer.ggml.tokens", tokens), ("tokenizer.ggml.scores", scores),
            ("tokenizer.ggml.token_type", types), ("tokenizer.ggml.bos_token_id", 1), ("tokenizer.ggml.add_bos_token", true)];
    }

    [Theory]
    [InlineData(2u)]
    [InlineData(3u)]
    public void ReadsVersionsTwoAndThree(uint version)
    {
        using var file = new LlamaTemporaryFile(GgufWriter.Build(version, SentencePieceVocabulary()));

        var metadata = GgufMetadata.Read(file.Path);

        Assert.Equal(version, metadata.Version);
        Assert.Equal("llama", metadata.String("tokenizer.ggml.model"));
        Assert.Equal(262, metadata.Strings("tokenizer.ggml.tokens").Length);
        Assert.Equal(1, metadata.OptionalInteger("tokenizer.ggml.bos_token_id"));
        Assert.True(metadata.OptionalBoolean("tokenizer.ggml.add_bos_token"));
        Assert.Null(metadata.OptionalInteger("tokenizer.ggml.eos_token_id"));
    }

    [Fact]
    public void SentencePieceVocabularyMergesByScoreWithByteFallback()
    {
        using var file = new LlamaTemporaryFile(GgufWriter.Build(3, SentencePieceVocabulary()));
        var tokenizer = SentencePieceTokenizer.LoadGguf(file.Path);

        Assert.Equal([SentencePieceTokenizer.BosId, 259, 260, SentencePieceTokenizer.ByteFallbackOffset + 'b'], tokenizer.Encode("a b"));
        Assert.Equal("a b", tokenizer.Decode(tokenizer.Encode("a b")));
    }

    [Fact]
    public void AVersionOneFileIsRejected()
    {
        using var file = new LlamaTemporaryFile(GgufWriter.Build(1, SentencePieceVocabulary()));
        var error = Assert.Throws<CheckpointException>(() => GgufMetadata.Read(file.Path));
        Assert.Contains("version 1", error.Message, StringComparison.Ordinal);
        Assert.Contains(file.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedFileNamesTheKeyItWasReading()
    {
        var bytes = GgufWriter.Build(3, SentencePieceVocabulary());
        using var file = new LlamaTemporaryFile(bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<CheckpointException>(() => GgufMetadata.Read(file.Path));
        Assert.Equal("tokenizer.ggml.tokens", error.TensorName);
    }

    [Fact]
    public void DeeplyNestedArraysAndRepeatedKeysAreRejectedNamingTheKey()
    {
        object nested = new[] { 1 };
        for (var depth = 0; depth < 5; depth++) nested = new object[] { nested };
        using var deep = new LlamaTemporaryFile(GgufWriter.Build(3, ("deep", nested)));
        using var repeated = new LlamaTemporaryFile(GgufWriter.Build(3, ("twice", 1), ("twice", 2)));

        Assert.Equal("deep", Assert.Throws<CheckpointException>(() => GgufMetadata.Read(deep.Path)).TensorName);
        Assert.Equal("twice", Assert.Throws<CheckpointException>(() => GgufMetadata.Read(repeated.Path)).TensorName);
    }

    [Fact]
    public void AMissingKeyIsNamed()
    {
        var entries = SentencePieceVocabulary().Where(entry => entry.Item1 != "tokenizer.ggml.scores").ToArray();
        using var file = new LlamaTemporaryFile(GgufWriter.Build(3, entries));
        var error = Assert.Throws<CheckpointException>(() => SentencePieceTokenizer.LoadGguf(file.Path));
        Assert.Equal("tokenizer.ggml.scores", error.TensorName);
    }

    [Fact]
    public void AVocabularyOfTheOtherModelPointsToItsLoader()
    {
        using var file = new LlamaTemporaryFile(GgufWriter.Build(3, SentencePieceVocabulary("gpt2")));
        var error = Assert.Throws<CheckpointException>(() => SentencePieceTokenizer.LoadGguf(file.Path));
        Assert.Equal("tokenizer.ggml.model", error.TensorName);
        Assert.Contains("ByteLevelBpeTokenizer.LoadGguf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnsupportedPreTokenizerIsNamed()
    {
        using var file = new LlamaTemporaryFile(GgufWriter.Build(3,
            ("tokenizer.ggml.model", "gpt2"), ("tokenizer.ggml.pre", "deepseek-llm"), ("tokenizer.ggml.tokens", new[] { "a" })));
        var error = Assert.Throws<CheckpointException>(() => ByteLevelBpeTokenizer.LoadGguf(file.Path));
        Assert.Equal("tokenizer.ggml.pre", error.TensorName);
    }
}
