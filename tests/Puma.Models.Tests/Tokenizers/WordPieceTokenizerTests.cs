using System.Text.Json.Nodes;
using Puma.Models.Checkpoints;
using Puma.Models.Tokenizers;

namespace Puma.Models.Tests.Tokenizers;

public sealed class WordPieceTokenizerTests
{
    private static readonly string[] Pieces =
        ["play", "##ing", "##s", "un", "##able", "creme", "brulee", "crème", "Crème", "a", "b", "c", "abc", "$", ",", ".", "!", "東", "京", "tokyo", "i", "σοφος", "σοφοσ", "word", "##word", "x", "##x", "[", "]", "sep"];

    private static string[] Tokens(WordPieceTokenizer tokenizer, string text) => [.. tokenizer.Encode(text).Select(tokenizer.TokenText)];

    private static WordPieceTokenizer Load(Action<JsonObject>? change = null)
    {
        using var file = WordPieceJson.Write(WordPieceJson.Build(Pieces, change));
        return WordPieceTokenizer.Load(file.Path);
    }

    [Fact]
    public void WordsSplitIntoTheLongestPieceThenContinuations()
    {
        Assert.Equal(["[CLS]", "play", "##ing", "play", "##s", "un", "##able", "[SEP]"], Tokens(Load(), "playing plays unable"));
    }

    [Fact]
    public void AWordWithAnUncuttableRestIsOneUnknown()
    {
        Assert.Equal(["[CLS]", "[UNK]", "play", "[SEP]"], Tokens(Load(), "playq play"));
    }

    [Fact]
    public void LowercaseStripsAccentsUnlessTheFileSaysOtherwise()
    {
        Assert.Equal(["[CLS]", "creme", "brulee", "[SEP]"], Tokens(Load(), "Crème BRÛLÉE"));
        var keepAccents = Load(root => root["normalizer"]!["strip_accents"] = false);
        Assert.Equal(["[CLS]", "crème", "[SEP]"], Tokens(keepAccents, "CRÈME"));
        var cased = Load(root => root["normalizer"]!["lowercase"] = false);
        Assert.Equal(["[CLS]", "Crème", "[UNK]", "[SEP]"], Tokens(cased, "Crème CREME"));
    }

    [Fact]
    public void LowercaseUsesTheFullMappingWithFinalSigmaAndDottedCapitalI()
    {
        Assert.Equal(["[CLS]", "σοφος", "i", "[SEP]"], Tokens(Load(), "ΣΟΦΟΣ İ"));
    }

    [Fact]
    public void ChineseCharactersBecomeWordsOfTheirOwn()
    {
        Assert.Equal(["[CLS]", "tokyo", "東", "京", "abc", "[SEP]"], Tokens(Load(), "tokyo東京abc"));
        var joined = Load(root => root["normalizer"]!["handle_chinese_chars"] = false);
        Assert.Equal(["[CLS]", "[UNK]", "[SEP]"], Tokens(joined, "東京"));
    }

    [Fact]
    public void ControlAndFormatCharactersAreDroppedAndWhitespaceSeparates()
    {
        Assert.Equal(["[CLS]", "abc", "a", "b", "[SEP]"], Tokens(Load(), "a\u0000b\u200Bc\ufffd\ta\u00A0b\n"));
    }

    [Fact]
    public void EveryPunctuationCharacterAndAsciiSymbolIsAWord()
    {
        Assert.Equal(["[CLS]", "$", "a", ",", "b", "!", "!", ".", "c", "[SEP]"], Tokens(Load(), "$a,b!!.c"));
        Assert.Equal(["[CLS]", "a", "[UNK]", "b", "[SEP]"], Tokens(Load(), "a\u2014b"));
    }

    [Fact]
    public void WordsOverTheCharacterLimitAreUnknownWhole()
    {
        var limited = Load(root => root["model"]!["max_input_chars_per_word"] = 4);
        Assert.Equal(["[CLS]", "x", "##x", "##x", "##x", "[UNK]", "[SEP]"], Tokens(limited, "xxxx xxxxx"));
        Assert.Equal(["[CLS]", "[UNK]", "[SEP]"], Tokens(Load(), new string('x', 101)));
        Assert.Equal(102, Load().Encode(new string('x', 100)).Length);
    }

    [Fact]
    public void TheContinuationPrefixComesFromTheFile()
    {
        var custom = Load(root => root["model"]!["continuing_subword_prefix"] = "#");
        Assert.Equal(["[CLS]", "word", "[UNK]", "[SEP]"], Tokens(custom, "word wordword"));
        Assert.Equal(["[CLS]", "word", "##word", "[SEP]"], Tokens(Load(), "wordword"));
    }

    [Fact]
    public void SpecialTokensMatchVerbatimInTheRawText()
    {
        Assert.Equal(["[CLS]", "a", "[SEP]", "b", "[", "sep", "]", "[SEP]"], Tokens(Load(), "a[SEP]b [sep]"));
    }

    [Fact]
    public void TypeIdsFollowTheTemplate()
    {
        var typed = Load(root => root["post_processor"]!["single"] = new JsonArray(
            WordPieceJson.Special("[CLS]", 0), new JsonObject { ["Sequence"] = new JsonObject { ["id"] = "A", ["type_id"] = 1 } }, WordPieceJson.Special("[SEP]", 1)));
        var encoded = typed.EncodeWithTypes("a b");
        Assert.Equal([2, 14, 15, 3], encoded.Ids);
        Assert.Equal([0, 1, 1, 1], encoded.TypeIds);
    }

    [Fact]
    public void TruncationKeepsTheSpecialTokens()
    {
        var truncated = Load(root => root["truncation"] = new JsonObject { ["max_length"] = 4, ["direction"] = "Right" });
        Assert.Equal(["[CLS]", "a", "b", "[SEP]"], Tokens(truncated, "a b c"));
    }

    [Theory]
    [InlineData("pre_tokenizer", "pre_tokenizer")]
    [InlineData("unk_token", "model.unk_token")]
    [InlineData("normalizer", "normalizer.type")]
    [InlineData("max_input_chars_per_word", "model.max_input_chars_per_word")]
    public void UnsupportedOrMissingSettingsNameTheirField(string broken, string field)
    {
        Action<JsonObject> change = broken switch
        {
            "pre_tokenizer" => root => root["pre_tokenizer"] = new JsonObject { ["type"] = "Whitespace" },
            "unk_token" => root => root["model"]!["unk_token"] = "<unk>",
            "normalizer" => root => root["normalizer"] = new JsonObject { ["type"] = "NFKC" },
            _ => root => root["model"]!["max_input_chars_per_word"] = "many",
        };
        var error = Assert.Throws<CheckpointException>(() => Load(change));
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void InvalidUtf8OrAWrongValueTypeIsACheckpointError()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(WordPieceJson.Build(Pieces).ToJsonString());
        // The "a" of "play" becomes 0xFF, a byte no UTF-8 sequence holds.
        bytes[bytes.AsSpan().IndexOf("\"play\""u8) + 3] = 0xFF;
        using var invalidUtf8 = new LlamaTemporaryFile(bytes);
        using var numberPrefix = WordPieceJson.Write(WordPieceJson.Build(Pieces, root => root["model"]!["continuing_subword_prefix"] = 5));

        Assert.Contains("UTF-8", Assert.Throws<CheckpointException>(() => WordPieceTokenizer.Load(invalidUtf8.Path)).Message);
        Assert.Throws<CheckpointException>(() => WordPieceTokenizer.Load(numberPrefix.Path));
    }
}
