using System.Text.Json.Nodes;
using Puma.Models.Checkpoints;
using Puma.Models.Tokenizers;

namespace Puma.Models.Tests.Tokenizers;

/// <summary>
/// The Hugging Face LLaMA tokenizer.json path, checked against llama2.c's encoder on the
/// stories260k vocabulary (written out as tokenizer.json the way transformers converts it).
/// </summary>
public sealed class SentencePieceHuggingFaceTests
{
    public static TheoryData<string> Texts => new()
    {
        "Once upon a time",
        "Lily and Ben went to the park.\nThey saw a big dog!",
        "  two leading spaces and trailing ones  ",
        "tabs\tand\r\nnewlines\n\n",
        "Ωmega, ünïcödé and 🦙 emoji fall back to bytes",
        "x",
    };

    [SkippableTheory]
    [MemberData(nameof(Texts))]
    public void EncodesLikeLlama2c(string text)
    {
        SharedFixtures.SkipIfMissing();
        var llama2c = SentencePieceTokenizer.LoadLlama2c(StoriesReference.TokenizerPath);
        using var directory = new LlamaTemporaryDirectory();
        var path = Path.Combine(directory.Path, "tokenizer.json");
        llama2c.SaveHuggingFace(path);

        var huggingFace = SentencePieceTokenizer.LoadHuggingFace(path);

        Assert.Equal(llama2c.Encode(text), huggingFace.Encode(text));
        Assert.Equal(llama2c.Encode(text, addBos: false), huggingFace.Encode(text, addBos: false));
        Assert.Equal(llama2c.Decode(llama2c.Encode(text)), huggingFace.Decode(huggingFace.Encode(text)));
    }

    [SkippableFact]
    public void SpecialTokensInTheTextAreAddedTokens()
    {
        SharedFixtures.SkipIfMissing();
        var llama2c = SentencePieceTokenizer.LoadLlama2c(StoriesReference.TokenizerPath);
        using var directory = new LlamaTemporaryDirectory();
        var path = Path.Combine(directory.Path, "tokenizer.json");
        llama2c.SaveHuggingFace(path);

        var ids = SentencePieceTokenizer.LoadHuggingFace(path).Encode("Hi</s><s>there", addBos: false);

        int[] expected = [.. llama2c.Encode("Hi", addBos: false), SentencePieceTokenizer.EosId, SentencePieceTokenizer.BosId, .. llama2c.Encode("there", addBos: false)];
        Assert.Equal(expected, ids);
    }

    [SkippableFact]
    public void MetaspacePrefixesOnlyTextNotStartingWithASpace()
    {
        SharedFixtures.SkipIfMissing();
        var llama2c = SentencePieceTokenizer.LoadLlama2c(StoriesReference.TokenizerPath);
        using var directory = new LlamaTemporaryDirectory();
        var path = Path.Combine(directory.Path, "tokenizer.json");
        llama2c.SaveHuggingFace(path);
        Rewrite(path, json =>
        {
            json["normalizer"] = null;
            json["pre_tokenizer"] = JsonNode.Parse("""{"type":"Metaspace","replacement":"▁","prepend_scheme":"always","split":false}""");
        });

        var metaspace = SentencePieceTokenizer.LoadHuggingFace(path);

        Assert.Equal(llama2c.Encode("Once upon a time"), metaspace.Encode("Once upon a time"));
        Assert.Equal(llama2c.Encode("Once upon a time"), metaspace.Encode(" Once upon a time"));
    }

    [SkippableFact]
    public void WithoutByteFallbackTheFileIsRejectedNamingTheField()
    {
        SharedFixtures.SkipIfMissing();
        using var directory = new LlamaTemporaryDirectory();
        var path = Path.Combine(directory.Path, "tokenizer.json");
        SentencePieceTokenizer.LoadLlama2c(StoriesReference.TokenizerPath).SaveHuggingFace(path);
        Rewrite(path, json => json["model"]!["byte_fallback"] = false);

        var error = Assert.Throws<CheckpointException>(() => SentencePieceTokenizer.LoadHuggingFace(path));

        Assert.Equal("model.byte_fallback", error.TensorName);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void AnUnsupportedNormalizerIsRejectedNamingTheField()
    {
        SharedFixtures.SkipIfMissing();
        using var directory = new LlamaTemporaryDirectory();
        var path = Path.Combine(directory.Path, "tokenizer.json");
        SentencePieceTokenizer.LoadLlama2c(StoriesReference.TokenizerPath).SaveHuggingFace(path);
        Rewrite(path, json => json["normalizer"] = JsonNode.Parse("""{"type":"NFKC"}"""));

        var error = Assert.Throws<CheckpointException>(() => SentencePieceTokenizer.LoadHuggingFace(path));

        Assert.Equal("normalizer", error.TensorName);
    }

    private static void Rewrite(string path, Action<JsonNode> change)
    {
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        change(json);
        File.WriteAllText(path, json.ToJsonString());
    }
}
