using System.Runtime.InteropServices;
using System.Text.Json;

namespace Puma.Models.Tests.Fuzz;

/// <summary>
/// Writes TF.js graph models for tests: the weight shards into a folder and the text of
/// <c>model.json</c> (graph nodes and one weights-manifest group), so a test can mutate the
/// manifest while the shards stay valid. The weights' bytes are cut into equal shards, so
/// tensors straddle shard files as they do in real packages.
/// </summary>
internal static class TfjsModelWriter
{
    /// <summary>A float32 weight (<paramref name="Integers"/> null) or an int32 one.</summary>
    public sealed record Weight(string Name, int[] Shape, float[]? Floats, int[]? Integers = null)
    {
        public static Weight Float(string name, int[] shape, float fill = 0) =>
            new(name, shape, Enumerable.Repeat(fill, shape.Aggregate(1, (a, b) => a * b)).ToArray());

        public static Weight Int(string name, params int[] values) => new(name, values.Length == 1 ? [] : [values.Length], null, values);

        public ReadOnlySpan<byte> Bytes => Floats is not null ? MemoryMarshal.AsBytes(Floats.AsSpan()) : MemoryMarshal.AsBytes(Integers!.AsSpan());
    }

    /// <summary>Writes the shards into <paramref name="directory"/> and returns the model.json bytes that name them.</summary>
    public static byte[] Write(string directory, IReadOnlyList<(string Name, string Op)> nodes, IReadOnlyList<Weight> weights, int shards)
    {
        var data = new MemoryStream();
        foreach (var weight in weights) data.Write(weight.Bytes);
        var bytes = data.ToArray();
        var shardLength = (bytes.Length + shards - 1) / shards;
        var paths = new List<string>();
        for (var i = 0; i < shards; i++)
        {
            var name = $"group1-shard{i + 1}of{shards}.bin";
            File.WriteAllBytes(Path.Combine(directory, name), bytes.AsSpan(Math.Min(i * shardLength, bytes.Length)..Math.Min((i + 1) * shardLength, bytes.Length)).ToArray());
            paths.Add(name);
        }

        var manifest = new
        {
            format = "graph-model",
            generatedBy = "2.4.1",
            modelTopology = new { node = nodes.Select(node => new { name = node.Name, op = node.Op }) },
            weightsManifest = new[]
            {
                new
                {
                    paths,
                    weights = weights.Select(weight => new { name = weight.Name, shape = weight.Shape, dtype = weight.Floats is not null ? "float32" : "int32" }),
                },
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(manifest);
    }
}
