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
    /// stories260k: the secure model generates reference.json's 48 greedy ids token for token.
    /// Two of the four prompts run here to keep the suite short (about 17 s each). Of the other two,
    /// prompt 1 also matches all 48; prompt 3 matches 32 and then takes the runner-up at a near
    /// tie: the reference's top two logits there differ by 0.057 while the secure logits' error is
    /// 0.1–0.5 (approximation error of softmax, RMSNorm and SiLU over 5 layers), so it is not run as a test.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Stories260kGeneratesTheReferenceGreedyIds(int index)
    {
        if (!SharedFixtures.Available) return;
        var reference = StoriesReference.Cases()[index];
        using var checkpoint = Llama2cCheckpoint.Open(StoriesReference.CheckpointPath);

        var result = SecureLlama.Generate(checkpoint, reference.PromptIds, reference.GreedyIds.Length);

        var perToken = result.TokenTimes.Skip(1).Select(time => time.TotalMilliseconds).Order().ToArray();
        output.WriteLine($"prompt {index}: {reference.PromptIds.Length} prompt tokens, first token {result.TokenTimes[0].TotalMilliseconds:F0} ms, median later token {perToken[perToken.Length / 2]:F1} ms");
        Assert.Equal(reference.GreedyIds, result.GeneratedIds);
    }
}
