using Puma.Models.Checkpoints;
using Puma.Models.Tokenizers;

namespace Puma.Models.Tests;

public sealed class ByteLevelBpeTokenizerTests
{
    [SkippableFact]
    public void SotuReferenceIdsAreTheFirst64TokensOfEachSpeech()
    {
        SharedFixtures.SkipIfMissing();
        var tokenizer = ReferenceFixtures.Gpt2Tokenizer;
        foreach (var sotu in ReferenceFixtures.SotuCases)
        {
            var text = File.ReadAllText(SharedFixtures.Path("data", "sotu-eval", sotu.Source));
            Assert.Equal(sotu.Ids, tokenizer.Tokenize(text)[..sotu.Ids.Length]);
        }
    }

    [SkippableFact]
    public void AllSpamEvalIdsMatchIncludingTruncationAndSpecials()
    {
        SharedFixtures.SkipIfMissing();
        var tokenizer = ReferenceFixtures.BertTokenizer;
        var emails = ReferenceFixtures.SpamEmails;
        Assert.Equal(600, emails.Length);
        var mismatches = emails.Where(e => !tokenizer.Encode(e.Text).SequenceEqual(e.Ids)).Select(e => e.Source).ToList();
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} emails differ, e.g. {string.Join(", ", mismatches.Take(5))}");
        Assert.Contains(emails, e => e.Ids.Length == 128);
    }

    [SkippableFact]
    public void TemplateWrapsAndTruncatesTo126PlusSpecials()
    {
        SharedFixtures.SkipIfMissing();
        var tokenizer = ReferenceFixtures.BertTokenizer;
        Assert.Equal(2, tokenizer.TemplateSpecialCount);
        var ids = tokenizer.Encode(string.Concat(Enumerable.Repeat(" word", 300)));
        Assert.Equal(128, ids.Length);
        Assert.Equal(50257, ids[0]);
        Assert.Equal(50258, ids[^1]);
        Assert.All(ids[1..^1], id => Assert.Equal(tokenizer.TokenId("Ġword"), id));
        Assert.Equal([50257, 50258], tokenizer.Encode(""));
    }

    [SkippableTheory]
    [InlineData("Hello world! It's 2024, isn't it?  Ünïcödé — 日本語 🎉\n\n\tend ")]
    [InlineData("a<|endoftext|>b")]
    [InlineData("   leading and trailing   ")]
    public void DecodeInvertsTokenize(string text)
    {
        SharedFixtures.SkipIfMissing();
        var tokenizer = ReferenceFixtures.Gpt2Tokenizer;
        Assert.Equal(text, tokenizer.Decode(tokenizer.Tokenize(text)));
    }

    [SkippableFact]
    public void KnownGpt2Encodings()
    {
        SharedFixtures.SkipIfMissing();
        var tokenizer = ReferenceFixtures.Gpt2Tokenizer;
        Assert.Equal([15496, 995], tokenizer.Tokenize("Hello world"));
        Assert.Equal([64, 50256, 65], tokenizer.Tokenize("a<|endoftext|>b"));
        Assert.Equal("b", tokenizer.Decode([64, 50256, 65], skipSpecialTokens: true)[1..]);
        Assert.Equal(50257, tokenizer.VocabSize);
    }

    [SkippableFact]
    public void UnsupportedTokenizerFeaturesAreNamed()
    {
        SharedFixtures.SkipIfMissing();
        var json = File.ReadAllText(SharedFixtures.Path("models", "gpt2-sotu", "tokenizer.json"));
        var path = Path.Combine(Path.GetTempPath(), $"puma-tokenizer-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, json.Replace("\"normalizer\": null", "\"normalizer\": {\"type\": \"NFC\"}"));
            var error = Assert.Throws<CheckpointException>(() => ByteLevelBpeTokenizer.Load(path));
            Assert.Equal("normalizer", error.TensorName);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
