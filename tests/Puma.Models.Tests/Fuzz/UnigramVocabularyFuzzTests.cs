using System.Text.Json;
using Puma.Models.Checkpoints;
using Puma.Models.UseLite;

namespace Puma.Models.Tests.Fuzz;

/// <summary>USE-Lite's <c>vocab.json</c>: each mutation loads a tokenizer that encodes a sample text, or is a <see cref="CheckpointException"/>.</summary>
public sealed class UnigramVocabularyFuzzTests
{
    /// <summary>The package's six control symbols (U+FFFD is its unknown piece), then pieces with log-probability scores.</summary>
    private static readonly (string Piece, double? Score)[] Vocabulary =
    [
        ("\uFFFD", 0), ("<s>", 0), ("</s>", 0), ("extra_token_id_1", 0), ("extra_token_id_2", null), ("extra_token_id_3", 0),
        ("▁", -2), ("▁hello", -5), ("▁world", -6), ("h", -3), ("e", -3), ("l", -3), ("lo", -4), ("o", -3), ("w", -4), ("r", -4), ("d", -4), ("▁wor", -7),
    ];

    [Fact]
    public void MutatedVocabulariesLoadOrFailNamingTheFile()
    {
        using var directory = new LlamaTemporaryDirectory();
        var seed = JsonSerializer.SerializeToUtf8Bytes(Vocabulary.Select(entry => new object?[] { entry.Piece, entry.Score }));
        ReaderFuzzer.Run<CheckpointException>(directory.Path, "vocab.json", seed, FuzzMutator.Json, path =>
        {
            var tokenizer = UnigramTokenizer.Load(path);
            Assert.All(tokenizer.Encode("hello world, ☃ lord"), id => Assert.NotNull(tokenizer.Piece(id)));
        });
    }

    /// <summary>A case the mutations rarely reach: encoding an unknown character with an empty unknown piece never ended.</summary>
    [Fact]
    public void AnEmptyUnknownPieceIsRejected()
    {
        using var directory = new LlamaTemporaryDirectory();
        var path = Path.Combine(directory.Path, "vocab.json");
        File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(Vocabulary.Select((entry, id) => new object?[] { id == 0 ? "" : entry.Piece, entry.Score })));

        var error = Assert.Throws<CheckpointException>(() => UnigramTokenizer.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown piece is empty", error.Message, StringComparison.Ordinal);
    }
}
