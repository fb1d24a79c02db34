using Puma.Models.Tokenizers;

namespace Puma.Models.Tests.Tokenizers;

/// <summary>
/// Every reference case of llama.cpp's tokenizer tests (ids produced by the Hugging Face
/// tokenizers, with no special tokens added) for each vocabulary whose encoding is implemented:
/// SentencePiece "llama" (llama-spm, phi-3; also through a tokenizer.json written from them,
/// which merges by rank) and byte-level BPE with its model's pre-tokenizer (gpt-2, mpt,
/// starcoder, refact, command-r, deepseek-coder, falcon, llama-bpe, qwen2, qwen35). No case is
/// excluded. Not covered: deepseek-llm (its letter classes include astral ranges .NET character
/// classes cannot express), gemma-4, bert-bge (WordPiece), nomic-bert-moe (Unigram).
/// </summary>
public sealed class GgufConformanceTests
{
    [SkippableTheory]
    [InlineData("llama-spm")]
    [InlineData("phi-3")]
    public void SentencePieceMatchesEveryReferenceCase(string name)
    {
        var path = GgufPath(name);
        var tokenizer = SentencePieceTokenizer.LoadGguf(path);
        AssertAllCases(path, text => tokenizer.Encode(text, addBos: false));
    }

    /// <summary>The GGUF vocabulary written as a LLaMA tokenizer.json: rank merges must give Hugging Face's ids too.</summary>
    [SkippableTheory]
    [InlineData("llama-spm")]
    [InlineData("phi-3")]
    public void HuggingFaceJsonMatchesEveryReferenceCase(string name)
    {
        var path = GgufPath(name);
        using var directory = new LlamaTemporaryDirectory();
        var json = Path.Combine(directory.Path, "tokenizer.json");
        SentencePieceTokenizer.LoadGguf(path).SaveHuggingFace(json);

        var tokenizer = SentencePieceTokenizer.LoadHuggingFace(json);

        AssertAllCases(path, text => tokenizer.Encode(text, addBos: false));
    }

    [SkippableTheory]
    [InlineData("gpt-2")]
    [InlineData("mpt")]
    [InlineData("starcoder")]
    [InlineData("refact")]
    [InlineData("llama-bpe")]
    [InlineData("qwen2")]
    [InlineData("qwen35")]
    [InlineData("command-r")]
    [InlineData("falcon")]
    [InlineData("deepseek-coder")]
    public void ByteLevelBpeMatchesEveryReferenceCase(string name)
    {
        var path = GgufPath(name);
        var tokenizer = ByteLevelBpeTokenizer.LoadGguf(path);
        AssertAllCases(path, tokenizer.Encode);
    }

    private static void AssertAllCases(string path, Func<string, int[]> encode)
    {
        var cases = LlamaCppVocabCase.Read(path);
        Assert.NotEmpty(cases);
        var failures = cases
            .Select(reference => (reference, actual: encode(reference.Text)))
            .Where(pair => !pair.actual.SequenceEqual(pair.reference.Ids))
            .Select(pair => $"{pair.reference}: expected [{string.Join(' ', pair.reference.Ids)}], got [{string.Join(' ', pair.actual)}]")
            .ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Length} cases differ:\n{string.Join('\n', failures)}");
    }

    private static string GgufPath(string name)
    {
        var (directory, reason) = LlamaCppVocabFixtures.Directory;
        Skip.If(directory is null, $"llama.cpp vocab fixtures unavailable ({reason})");
        return Path.Combine(directory!, $"ggml-vocab-{name}.gguf");
    }
}
