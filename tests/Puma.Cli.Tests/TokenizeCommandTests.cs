using System.Text.Json;

namespace Puma.Cli.Tests;

public sealed class TokenizeCommandTests : IDisposable
{
    /// <summary>A WordPiece tokenizer.json small enough to write inline: [CLS] $A [SEP], lowercase, accents stripped.</summary>
    private const string SmallWordPiece = """
        {"added_tokens": [{"id": 0, "content": "[UNK]", "special": true}, {"id": 1, "content": "[CLS]", "special": true}, {"id": 2, "content": "[SEP]", "special": true}],
         "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true, "strip_accents": null, "lowercase": true},
         "pre_tokenizer": {"type": "BertPreTokenizer"},
         "post_processor": {"type": "TemplateProcessing",
           "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
           "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [1], "tokens": ["[CLS]"]}, "[SEP]": {"id": "[SEP]", "ids": [2], "tokens": ["[SEP]"]}}},
         "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 100,
           "vocab": {"[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "play": 3, "##ing": 4, "cafe": 5, ".": 6}}}
        """;

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static JsonElement[] Reports(Cli.Outcome outcome)
    {
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        return [.. JsonDocument.Parse(outcome.Output).RootElement.EnumerateArray()];
    }

    private static int[] Ids(JsonElement report) => [.. report.GetProperty("ids").EnumerateArray().Select(id => id.GetInt32())];

    private static string[] Tokens(JsonElement report) => [.. report.GetProperty("tokens").EnumerateArray().Select(token => token.GetString()!)];

    [Fact]
    public void EachRepeatedTextGetsItsIdsAndTokens()
    {
        var tokenizer = _folder.File("tokenizer.json", SmallWordPiece);

        var reports = Reports(Cli.Run("tokenize", "--tokenizer", tokenizer, "--text", "Playing CAFÉ.", "--text", "play", "--json"));

        Assert.Equal(2, reports.Length);
        Assert.Equal("Playing CAFÉ.", reports[0].GetProperty("text").GetString());
        Assert.Equal([1, 3, 4, 5, 6, 2], Ids(reports[0]));
        Assert.Equal(["[CLS]", "play", "##ing", "cafe", ".", "[SEP]"], Tokens(reports[0]));
        Assert.Equal([1, 3, 2], Ids(reports[1]));
    }

    [Fact]
    public void AFileIsOneTextAndAModelFolderUsesItsTokenizer()
    {
        _folder.File("tokenizer.json", SmallWordPiece);
        var file = _folder.File("input.txt", "play\nplaying\n\ncafe");

        var reports = Reports(Cli.Run("tokenize", "--model", _folder.Path, "--file", file, "--json"));

        var report = Assert.Single(reports);
        Assert.Equal("play\nplaying\n\ncafe", report.GetProperty("text").GetString());
        Assert.Equal(["[CLS]", "play", "play", "##ing", "cafe", "[SEP]"], Tokens(report));
    }

    [Fact]
    public void TheListingShowsIdsAndTokens()
    {
        var tokenizer = _folder.File("tokenizer.json", SmallWordPiece);

        var outcome = Cli.Run("tokenize", "--tokenizer", tokenizer, "--text", "playing");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("ids (4): 1 3 4 2", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("tokens: [CLS] play ##ing [SEP]", outcome.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--text", "a", "--file", "x.txt")]
    [InlineData("--json")]
    public void TextsMustComeFromEitherTextOrFile(params string[] input)
    {
        var tokenizer = _folder.File("tokenizer.json", SmallWordPiece);

        var outcome = Cli.Run(["tokenize", "--tokenizer", tokenizer, .. input]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--text", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ExactlyOneOfModelAndTokenizerIsGiven()
    {
        var tokenizer = _folder.File("tokenizer.json", SmallWordPiece);

        var both = Cli.Run("tokenize", "--tokenizer", tokenizer, "--model", _folder.Path, "--text", "a");
        var neither = Cli.Run("tokenize", "--text", "a");

        Assert.Equal((2, 2), (both.ExitCode, neither.ExitCode));
        Assert.Contains("--model", neither.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingOrBrokenTokenizerIsOneLineNamingIt()
    {
        var broken = _folder.File("tokenizer.json", """{"model": {"type": "Unigram"}}""");

        var missing = Cli.Run("tokenize", "--tokenizer", Path.Combine(_folder.Path, "none.json"), "--text", "a");
        var unsupported = Cli.Run("tokenize", "--tokenizer", broken, "--text", "a");

        Assert.Equal((1, 1), (missing.ExitCode, unsupported.ExitCode));
        Assert.Contains("none.json", missing.Error, StringComparison.Ordinal);
        Assert.Contains("model.type", unsupported.Error, StringComparison.Ordinal);
        Assert.Single(unsupported.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [SkippableFact]
    public void BertBaseUncasedIdsEqualHuggingFaceOnEveryReferenceSentence()
    {
        var folder = SharedData.Path("models", "bert-base-uncased-tokenizer");
        Skip.If(folder is null, "../shared (bert-base-uncased-tokenizer) is not present");
        using var reference = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "reference.json")));
        var cases = reference.RootElement.GetProperty("cases").EnumerateArray().ToArray();
        string[] texts = [.. cases.Select(item => item.GetProperty("text").GetString()!)];

        var reports = Reports(Cli.Run(["tokenize", "--tokenizer", Path.Combine(folder, "tokenizer.json"), .. texts.SelectMany(text => new[] { "--text", text }), "--json"]));

        Assert.Equal(cases.Length, reports.Length);
        for (var i = 0; i < cases.Length; i++)
        {
            Assert.Equal([.. cases[i].GetProperty("ids").EnumerateArray().Select(id => id.GetInt32())], Ids(reports[i]));
            Assert.Equal([.. cases[i].GetProperty("tokens").EnumerateArray().Select(token => token.GetString()!)], Tokens(reports[i]));
        }
    }

    [SkippableTheory]
    [InlineData("gpt2-sotu", "Fellow citizens", "ĠFellow")]
    [InlineData("bert-spam", "WIN a FREE prize", "<cls>")]
    [InlineData("stories260k", "Once upon a time", "▁upon")]
    public void ModelFoldersOfEachFamilyTokenize(string model, string text, string expectedToken)
    {
        var folder = SharedData.Path("models", model);
        Skip.If(folder is null, "../shared is not present");

        var report = Assert.Single(Reports(Cli.Run("tokenize", "--model", folder, "--text", " " + text, "--json")));

        Assert.Contains(expectedToken, Tokens(report));
    }

    [SkippableFact]
    public void Llama2cAndItsHuggingFaceFormGiveTheSameIds()
    {
        var llama2c = SharedData.Path("models", "stories260k", "tok512.bin");
        Skip.If(llama2c is null, "../shared is not present");
        var huggingFace = Path.Combine(_folder.Path, "tokenizer.json");
        Puma.Models.Tokenizers.SentencePieceTokenizer.LoadLlama2c(llama2c).SaveHuggingFace(huggingFace);

        var fromBin = Assert.Single(Reports(Cli.Run("tokenize", "--tokenizer", llama2c, "--text", "Once upon a time, a girl", "--json")));
        var fromJson = Assert.Single(Reports(Cli.Run("tokenize", "--tokenizer", huggingFace, "--text", "Once upon a time, a girl", "--json")));

        Assert.Equal(Ids(fromBin), Ids(fromJson));
        Assert.Equal(1, Ids(fromBin)[0]);
    }

    [SkippableFact]
    public void ClassifyUsesAWordPieceTokenizerInTheModelFolder()
    {
        var spam = SharedData.Path("models", "bert-spam");
        Skip.If(spam is null, "../shared is not present");
        foreach (var name in new[] { "config.json", "model.safetensors" }) File.CreateSymbolicLink(Path.Combine(_folder.Path, name), Path.Combine(spam, name));
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "tokenizer.json"), SharedData.Path("models", "bert-base-uncased-tokenizer", "tokenizer.json")!);
        const string text = "Crème brûlée à la carte";

        var tokens = Tokens(Assert.Single(Reports(Cli.Run("tokenize", "--model", _folder.Path, "--text", text, "--json"))));
        var outcome = Cli.Run("classify", "--model", _folder.Path, "--text", text, "--plaintext", "--json");

        var report = Assert.Single(Reports(outcome));
        Assert.Equal(["[CLS]", "cr", "##eme", "br", "##ule", "##e", "a", "la", "cart", "##e", "[SEP]"], tokens);
        Assert.Equal(tokens.Length, report.GetProperty("tokens").GetInt32());
    }
}
