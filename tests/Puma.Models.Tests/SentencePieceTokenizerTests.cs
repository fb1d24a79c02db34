using Puma.Models.Checkpoints;
using Puma.Models.Tokenizers;

namespace Puma.Models.Tests;

public class SentencePieceTokenizerTests
{
    [SkippableFact]
    public void ReferenceHasTheExpectedCases()
    {
        SharedFixtures.SkipIfMissing();
        Assert.Equal(StoriesReference.Count, StoriesReference.Cases().Count);
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EncodesReferencePrompts(int index)
    {
        SharedFixtures.SkipIfMissing();
        var reference = StoriesReference.Cases()[index];
        var tokenizer = SentencePieceTokenizer.LoadLlama2c(StoriesReference.TokenizerPath);
        Assert.Equal(reference.PromptIds, tokenizer.Encode(reference.Prompt));
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void DecodesPromptsBackStrippingTheSpaceAfterBos(int index)
    {
        SharedFixtures.SkipIfMissing();
        var reference = StoriesReference.Cases()[index];
        var tokenizer = SentencePieceTokenizer.LoadLlama2c(StoriesReference.TokenizerPath);
        Assert.Equal(reference.Prompt, tokenizer.Decode(reference.PromptIds));
    }

    [SkippableFact]
    public void ReadsTheWholeVocabulary()
    {
        SharedFixtures.SkipIfMissing();
        var tokenizer = SentencePieceTokenizer.LoadLlama2c(StoriesReference.TokenizerPath);
        Assert.Equal(512, tokenizer.VocabSize);
        Assert.Equal("<0x0A>", tokenizer.Piece(SentencePieceTokenizer.ByteFallbackOffset + '\n'));
        Assert.Equal(" t", tokenizer.Piece(259));
    }

    [SkippableFact]
    public void UnknownCharactersFallBackToBytesAndDecodeBack()
    {
        SharedFixtures.SkipIfMissing();
        var tokenizer = SentencePieceTokenizer.LoadLlama2c(StoriesReference.TokenizerPath);
        const string text = "Ω\nok";
        var ids = tokenizer.Encode(text);
        int[] omegaBytes = [.. "Ω"u8.ToArray().Select(b => SentencePieceTokenizer.ByteFallbackOffset + b)];
        Assert.Equal(omegaBytes, ids.Skip(2).Take(2));
        Assert.Contains(SentencePieceTokenizer.ByteFallbackOffset + '\n', ids);
        Assert.Equal(text, tokenizer.Decode(ids).TrimStart());
    }

    [SkippableFact]
    public void EmptyTextIsJustBos()
    {
        SharedFixtures.SkipIfMissing();
        var tokenizer = SentencePieceTokenizer.LoadLlama2c(StoriesReference.TokenizerPath);
        Assert.Equal([SentencePieceTokenizer.BosId], tokenizer.Encode(""));
        Assert.Empty(tokenizer.Encode("", addBos: false));
    }

    [SkippableFact]
    public void TruncatedTokenizerFileIsRejectedByName()
    {
        SharedFixtures.SkipIfMissing();
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
