using Puma.Models.Checkpoints;
using Puma.Models.Tokenizers;

namespace Puma.Models.Tests;

public class SentencePieceTokenizerTests
{
    [Fact]
    public void ReferenceHasTheExpectedCases()
    {
        if (!SharedFixtures.Available) return;
        Assert.Equal(StoriesReference.Count, StoriesReference.Cases().Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EncodesReferencePrompts(int index)
    {
        if (!SharedFixtures.Available) return;
        var reference = StoriesReference.Cases()[index];
        var tokenizer = SentencePieceTokenizer.LoadLlama2c(StoriesReference.TokenizerPath);
        Assert.Equal(reference.PromptIds, tokenizer.Encode(reference.Prompt));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void DecodesPromptsBackStrippingTheSpaceAfterBos(int index)
    {
        if (!SharedFixtures.Available) return;
        var reference = StoriesReference.Cases()[index];
        var tokenizer = SentencePieceTokenizer.LoadLlama2c(StoriesReference.TokenizerPath);
        Assert.Equal(reference.Prompt, tokenizer.Decode(reference.PromptIds));
    }

    [Fact]
    public void ReadsTheWholeVocabulary()
    {
        if (!SharedFixtures.Available) return;
        var tokenizer = SentencePieceTokenizer.LoadLlama2c(StoriesReference.TokenizerPath);
        Assert.Equal(512, tokenizer.VocabSize);
        Assert.Equal("<0x0A>", tokenizer.Piece(SentencePieceTokenizer.ByteFallbackOffset + '\n'));
        Assert.Equal(" t", tokenizer.Piece(259));
    }

    [Fact]
    public void UnknownCharactersFallBackToBytesAndDecodeBack()
    {
        if (!SharedFixtures.Available) return;
        var tokenizer = SentencePieceTokenizer.LoadLlama2c(StoriesReference.TokenizerPath);
        const string text = "Ω\nok";
        var ids = tokenizer.Encode(text);
        int[] omegaBytes = [.. "Ω"u8.ToArray().Select(b => SentencePieceTokenizer.ByteFallbackOffset + b)];
        Assert.Equal(omegaBytes, ids.Skip(2).Take(2));
        Assert.Contains(SentencePieceTokenizer.ByteFallbackOffset + '\n', ids);
        Assert.Equal(text, tokenizer.Decode(ids).TrimStart());
    }

    [Fact]
    public void EmptyTextIsJustBos()
    {
        if (!SharedFixtures.Available) return;
        var tokenizer = SentencePieceTokenizer.LoadLlama2c(StoriesReference.TokenizerPath);
        Assert.Equal([SentencePieceTokenizer.BosId], tokenizer.Encode(""));
        Assert.Empty(tokenizer.Encode("", addBos: false));
    }

    [Fact]
    public void TruncatedTokenizerFileIsRejectedByName()
    {
        if (!SharedFixtures.Available) return;
        var bytes = File.ReadAllBytes(StoriesReference.TokenizerPath);
        using var file = new LlamaTemporaryFile(bytes.AsSpan(0, bytes.Length - 3).ToArray());
        var error = Assert.Throws<CheckpointException>(() => SentencePieceTokenizer.LoadLlama2c(file.Path));
        Assert.Contains(file.Path, error.Message);
        Assert.Contains("token 511", error.Message);
    }

    [Fact]
    public void TokenizerWithoutBytePiecesIsRejected()
    {
        using var file = new LlamaTemporaryFile([7, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, (byte)'a']);
        var error = Assert.Throws<CheckpointException>(() => SentencePieceTokenizer.LoadLlama2c(file.Path));
        Assert.Contains("<0x00>", error.Message);
    }
}
