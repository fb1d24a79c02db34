using System.Text.Json;
using Puma.Models.Tokenizers;

namespace Puma.Models.Tests.Tokenizers;

/// <summary>bert-base-uncased's real tokenizer.json against the ids of Hugging Face's JavaScript tokenizers.</summary>
public sealed class WordPieceReferenceTests
{
    [SkippableFact]
    public void IdsAndTokensEqualHuggingFaceOnAllReferenceSentences()
    {
        SharedFixtures.SkipIfMissing();
        var folder = SharedFixtures.Path("models", "bert-base-uncased-tokenizer");
        var tokenizer = WordPieceTokenizer.Load(Path.Combine(folder, "tokenizer.json"));
        using var reference = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "reference.json")));
        var cases = reference.RootElement.GetProperty("cases").EnumerateArray().ToArray();
        Assert.Equal(101, cases.Length);

        var mismatches = new List<string>();
        foreach (var item in cases)
        {
            var text = item.GetProperty("text").GetString()!;
            var expectedIds = item.GetProperty("ids").EnumerateArray().Select(id => id.GetInt32()).ToArray();
            var expectedTokens = item.GetProperty("tokens").EnumerateArray().Select(token => token.GetString()!).ToArray();
            var encoded = tokenizer.EncodeWithTypes(text);
            if (!encoded.Ids.SequenceEqual(expectedIds) || !encoded.Ids.Select(tokenizer.TokenText).SequenceEqual(expectedTokens) || encoded.TypeIds.Any(type => type != 0))
                mismatches.Add(text);
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} sentences differ, e.g. {string.Join(" | ", mismatches.Take(3))}");
    }
}
