using Puma.Models.Llama2c;
using Puma.Models.Reference;
using Puma.Models.Tokenizers;

namespace Puma.Models.Tests;

public class LlamaReferenceTests
{
    /// <summary>
    /// reference.json stores logits rounded to 6 decimals, so agreement is bounded by half a unit
    /// in the last place (5e-7), not by double precision.
    /// </summary>
    private const double LogitTolerance = 5.0e-7 + 1e-12;

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void LastPromptLogitsMatchReference(int index)
    {
        SharedFixtures.SkipIfMissing();
        var reference = StoriesReference.Cases()[index];
        using var checkpoint = Llama2cCheckpoint.Open(StoriesReference.CheckpointPath);
        var logits = new LlamaReference(checkpoint).Forward(reference.PromptIds);
        Assert.Equal(reference.PromptLastLogits.Length, logits.Length);
        for (var i = 0; i < logits.Length; i++)
            Assert.True(Math.Abs(logits[i] - reference.PromptLastLogits[i]) <= LogitTolerance,
                $"logit {i}: {logits[i]:R} vs reference {reference.PromptLastLogits[i]:R}");
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void GreedyGenerationMatchesReferenceIdsAndText(int index)
    {
        SharedFixtures.SkipIfMissing();
        var reference = StoriesReference.Cases()[index];
        using var checkpoint = Llama2cCheckpoint.Open(StoriesReference.CheckpointPath);
        var tokenizer = SentencePieceTokenizer.LoadLlama2c(StoriesReference.TokenizerPath);

        var generated = LlamaGreedy.Generate(checkpoint, reference.PromptIds, reference.GreedyIds.Length);

        Assert.Equal(reference.GreedyIds, generated);
        // The reference text joins raw pieces (byte tokens spelled <0xXX>); decoding turns them into bytes.
        Assert.Equal(reference.GreedyText, string.Concat(generated.Select(tokenizer.Piece)));
        Assert.Equal(reference.GreedyText.Replace("<0x0A>", "\n"), tokenizer.Decode(generated, previousId: reference.PromptIds[^1]));
    }

    [SkippableFact]
    public void ResetStartsTheSequenceOver()
    {
        SharedFixtures.SkipIfMissing();
        var reference = StoriesReference.Cases()[2];
        using var checkpoint = Llama2cCheckpoint.Open(StoriesReference.CheckpointPath);
        var model = new LlamaReference(checkpoint);
        var first = model.Forward(reference.PromptIds);
        model.Reset();
        Assert.Equal(0, model.Position);
        Assert.Equal(first, model.Forward(reference.PromptIds));
    }
}
