using System.Text;
using Puma.Models.Checkpoints;
using Puma.Models.Tests.Tokenizers;
using Puma.Models.Tokenizers;

namespace Puma.Models.Tests.Fuzz;

/// <summary>
/// Every tokenizer file format: each mutation loads a tokenizer that encodes and decodes a sample
/// text with ids inside its vocabulary, or is a <see cref="CheckpointException"/> naming the file.
/// </summary>
public sealed class TokenizerFuzzTests
{
    [Fact]
    public void MutatedByteLevelTokenizerJsonLoadsOrFailsNamingTheFile()
    {
        using var directory = new LlamaTemporaryDirectory();
        ReaderFuzzer.Run<CheckpointException>(directory.Path, "tokenizer.json", TinyVocabularies.ByteLevelTokenizerJson(), FuzzMutator.Json,
            path => EncodeAndDecode(ByteLevelBpeTokenizer.Load(path)));
    }

    [Fact]
    public void MutatedWordPieceTokenizerJsonLoadsOrFailsNamingTheFile()
    {
        using var directory = new LlamaTemporaryDirectory();
        var valid = System.Text.Encoding.UTF8.GetBytes(WordPieceJson.Build(["the", "a", "##s", "cat", "sat", "on", "mat", ".", ",", "é"]).ToJsonString());
        ReaderFuzzer.Run<CheckpointException>(directory.Path, "tokenizer.json", valid, FuzzMutator.Json, path =>
        {
            var tokenizer = WordPieceTokenizer.Load(path);
            var encoded = tokenizer.EncodeWithTypes(TinyVocabularies.SampleText);
            Assert.Equal(encoded.Ids.Length, encoded.TypeIds.Length);
            Assert.All(encoded.Ids, id => Assert.InRange(id, 0, tokenizer.VocabSize - 1));
        });
    }

    [Fact]
    public void MutatedByteLevelGgufLoadsOrFailsNamingTheFile()
    {
        using var directory = new LlamaTemporaryDirectory();
        ReaderFuzzer.Run<CheckpointException>(directory.Path, "vocab.gguf", GgufWriter.Build(3, TinyVocabularies.ByteLevelGguf()), FuzzMutator.Binary, path =>
        {
            var tokenizer = ByteLevelBpeTokenizer.LoadGguf(path);
            try
            {
                EncodeAndDecode(tokenizer);
            }
            catch (InvalidOperationException) when (LacksAByteOfTheSample(tokenizer))
            {
                // Documented: a GGUF vocabulary may lack rare bytes (StarCoder's has no 0xF1), and text needing one fails to encode.
            }
        });
    }

    [Fact]
    public void MutatedSentencePieceTokenizerJsonLoadsOrFailsNamingTheFile()
    {
        using var directory = new LlamaTemporaryDirectory();
        var llama2c = Path.Combine(directory.Path, "tokenizer.bin");
        File.WriteAllBytes(llama2c, TinyVocabularies.Llama2cTokenizer());
        var json = Path.Combine(directory.Path, "seed.json");
        SentencePieceTokenizer.LoadLlama2c(llama2c).SaveHuggingFace(json);
        ReaderFuzzer.Run<CheckpointException>(directory.Path, "tokenizer.json", File.ReadAllBytes(json), FuzzMutator.Json,
            path => EncodeAndDecode(SentencePieceTokenizer.LoadHuggingFace(path)));
    }

    [Fact]
    public void MutatedLlama2cTokenizerBinLoadsOrFailsNamingTheFile()
    {
        using var directory = new LlamaTemporaryDirectory();
        ReaderFuzzer.Run<CheckpointException>(directory.Path, "tokenizer.bin", TinyVocabularies.Llama2cTokenizer(), FuzzMutator.Binary,
            path => EncodeAndDecode(SentencePieceTokenizer.LoadLlama2c(path)));
    }

    [Fact]
    public void MutatedSentencePieceGgufLoadsOrFailsNamingTheFile()
    {
        using var directory = new LlamaTemporaryDirectory();
        ReaderFuzzer.Run<CheckpointException>(directory.Path, "vocab.gguf", GgufWriter.Build(3, TinyVocabularies.SentencePieceGguf()), FuzzMutator.Binary,
            path => EncodeAndDecode(SentencePieceTokenizer.LoadGguf(path)));
    }

    private static bool LacksAByteOfTheSample(ByteLevelBpeTokenizer tokenizer) =>
        Encoding.UTF8.GetBytes(TinyVocabularies.SampleText).Any(b => tokenizer.TokenId(ByteLevelBpeByteMap.ByteToChar[b].ToString()) is null);

    private static void EncodeAndDecode(ByteLevelBpeTokenizer tokenizer)
    {
        var ids = tokenizer.Encode(TinyVocabularies.SampleText);
        Assert.All(ids, id => Assert.InRange(id, 0, tokenizer.VocabSize - 1));
        tokenizer.Decode(ids);
    }

    private static void EncodeAndDecode(SentencePieceTokenizer tokenizer)
    {
        var ids = tokenizer.Encode(TinyVocabularies.SampleText);
        Assert.All(ids, id => Assert.InRange(id, 0, tokenizer.VocabSize - 1));
        tokenizer.Decode(ids);
    }
}
