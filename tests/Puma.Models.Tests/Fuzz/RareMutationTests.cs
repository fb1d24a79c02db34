using System.Text.Json.Nodes;
using Puma.Models.Checkpoints;
using Puma.Models.Tokenizers;

namespace Puma.Models.Tests.Fuzz;

/// <summary>
/// Reader bugs found by reading the code while fixing the fuzzers' finds, in files the random
/// mutations reach too rarely to guard: each is now a <see cref="CheckpointException"/> naming the file.
/// </summary>
public sealed class RareMutationTests
{
    [Fact]
    public void ASafetensorsShapeWhoseElementCountOverflowsIsRejected()
    {
        using var directory = new LlamaTemporaryDirectory();
        var path = Path.Combine(directory.Path, "model.safetensors");
        // 2^64 elements wrap to 0, which matched the empty data range before.
        SafetensorsWriter.WriteRaw(path, """{"x": {"dtype": "F32", "shape": [65536, 65536, 65536, 65536], "data_offsets": [0, 0]}}""", []);

        var error = Assert.Throws<CheckpointException>(() => SafetensorsFile.Open(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal("x", error.TensorName);
    }

    public static TheoryData<string, string> TokenizerJsonEdits => new()
    {
        { "added_tokens[2].id", "an earlier added token" },
        { "post_processor.special_tokens.<cls>.ids", "no token of the vocabulary" },
        { "model.vocab.Ġthe", "too large for a file" },
    };

    [Theory]
    [MemberData(nameof(TokenizerJsonEdits))]
    public void AByteLevelTokenizerJsonWithImpossibleIdsIsRejected(string field, string expected)
    {
        using var directory = new LlamaTemporaryDirectory();
        var path = Path.Combine(directory.Path, "tokenizer.json");
        var json = JsonNode.Parse(TinyVocabularies.ByteLevelTokenizerJson())!;
        switch (field)
        {
            case "added_tokens[2].id":
                json["added_tokens"]![2]!["id"] = json["added_tokens"]![1]!["id"]!.GetValue<int>();
                break;
            case "post_processor.special_tokens.<cls>.ids":
                json["post_processor"]!["special_tokens"]!["<cls>"]!["ids"] = new JsonArray(99_999);
                break;
            default:
                json["model"]!["vocab"]!["Ġthe"] = int.MaxValue;
                break;
        }
        File.WriteAllText(path, json.ToJsonString());

        var error = Assert.Throws<CheckpointException>(() => ByteLevelBpeTokenizer.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
