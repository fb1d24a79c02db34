using Puma.Models.Llama2c;
using Puma.Models.Reference;
using Puma.Models.Secure;
using Xunit.Abstractions;

namespace Puma.Models.Tests.Secure;

/// <summary>Secure greedy generation (three parties and a client) against the plaintext greedy ids.</summary>
public class SecureLlamaGenerationTests(ITestOutputHelper output)
{
    private static readonly int[] Prompt = [1, 7, 39];

    [Fact]
    public void RandomModelGeneratesTheReferenceTokensUntilTheContextIsFull()
    {
        var header = Llama2cWriter.Small;
        using var file = new LlamaTemporaryFile(Llama2cWriter.Bytes(header, Llama2cWriter.RandomFloats(header, seed: 21)));
        using var checkpoint = Llama2cCheckpoint.Open(file.Path);
        var expected = LlamaGreedy.Generate(checkpoint, Prompt, count: 10);
        var streamed = new List<int>();

        var result = SecureLlama.Generate(checkpoint, Prompt, maxNewTokens: 10, onToken: streamed.Add);

        Assert.Equal(expected, result.GeneratedIds);
        Assert.Equal(expected, streamed);
        Assert.Equal(expected.Length, result.TokenTimes.Length);
        Assert.Contains(result.Profile, entry => entry.Name == "softmax" && entry.Rounds > 0);
    }

    [Fact]
    public void ZeroNewTokensRunsNothing()
    {
        var header = Llama2cWriter.Small;
        using var file = new LlamaTemporaryFile(Llama2cWriter.Bytes(header, Llama2cWriter.RandomFloats(header, seed: 22)));
        using var checkpoint = Llama2cCheckpoint.Open(file.Path);
        Assert.Empty(SecureLlama.Generate(checkpoint, Prompt, maxNewTokens: 0).GeneratedIds);
    }

    [Fact]
    public void TokenOutsideTheVocabularyIsRejected()
    {
        var header = Llama2cWriter.Small;
        using var file = new LlamaTemporaryFile(Llama2cWriter.Bytes(header, Llama2cWriter.RandomFloats(header, seed: 23)));
        using var checkpoint = Llama2cCheckpoint.Open(file.Path);
        Assert.Throws<ArgumentOutOfRangeException>(() => SecureLlama.Generate(checkpoint, [1, header.Vocab], maxNewTokens: 1));
        Assert.Throws<ArgumentException>(() => SecureLlama.Generate(checkpoint, [], maxNewTokens: 1));
    }

    /// <summary>
    /// stories260k: the secure model generates reference.json's greedy ids token for token, on all
    /// four prompts. Prompt 3 runs all 48 tokens: at token 32 the reference's top two logits differ
    /// by only 0.057 (PUMA's SiLU and exp once put the secure logits 0.3–0.5 off there). Teacher-forced
    /// over all 4 × 48 positions the secure logits now stay within 9e-4 of the plaintext ones, at
    /// most 1/100 of the top-two gap; the other prompts run 16 tokens to keep the suite short.
    /// </summary>
    [SkippableTheory]
    [InlineData(3, 48)]
    [InlineData(0, 16)]
    [InlineData(1, 16)]
    [InlineData(2, 16)]
    public void Stories260kGeneratesTheReferenceGreedyIds(int index, int count)
    {
        SharedFixtures.SkipIfMissing();
        var reference = StoriesReference.Cases()[index];
        using var checkpoint = Llama2cCheckpoint.Open(StoriesReference.CheckpointPath);

        var result = SecureLlama.Generate(checkpoint, reference.PromptIds, count);

        var perToken = result.TokenTimes.Skip(1).Select(time => time.TotalMilliseconds).Order().ToArray();
        output.WriteLine($"prompt {index}: {reference.PromptIds.Length} prompt tokens, first token {result.TokenTimes[0].TotalMilliseconds:F0} ms, median later token {perToken[perToken.Length / 2]:F1} ms");
        Assert.Equal(reference.GreedyIds.Take(count), result.GeneratedIds);
    }
}
