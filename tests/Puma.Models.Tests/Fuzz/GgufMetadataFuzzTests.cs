using Puma.Models.Checkpoints;
using Puma.Models.Tests.Tokenizers;

namespace Puma.Models.Tests.Fuzz;

/// <summary>GGUF metadata of every value type: each mutation reads, or is a <see cref="CheckpointException"/> naming the file.</summary>
public sealed class GgufMetadataFuzzTests
{
    private static readonly (string, object)[] EveryValueType =
    [
        ("general.architecture", "llama"), ("u8", (byte)200), ("i8", (sbyte)-100), ("u16", (ushort)60000), ("i16", (short)-30000),
        ("u32", 4000000000u), ("i32", -2000000000), ("f32", 0.5f), ("bool", true), ("u64", 1UL << 40), ("i64", -(1L << 40)), ("f64", 0.25),
        ("strings", new[] { "a", "▁b", "" }), ("floats", new[] { 1f, -2f }), ("doubles", new[] { 1.5, -2.5 }), ("flags", new[] { true, false }),
        ("bytes", new byte[] { 1, 2, 3 }), ("longs", new[] { long.MinValue, long.MaxValue }), ("nested", new object[] { new[] { 1, 2 }, new[] { 3 } }),
        .. TinyVocabularies.SentencePieceGguf(),
    ];

    [Theory]
    [InlineData(2u)]
    [InlineData(3u)]
    public void MutatedMetadataReadsOrFailsNamingTheFile(uint version)
    {
        using var directory = new LlamaTemporaryDirectory();
        ReaderFuzzer.Run<CheckpointException>(directory.Path, "model.gguf", GgufWriter.Build(version, EveryValueType), FuzzMutator.Binary, path =>
        {
            var metadata = GgufMetadata.Read(path);
            Assert.InRange(metadata.Version, 2u, 3u);
        });
    }
}
