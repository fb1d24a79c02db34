using Puma.Models.Checkpoints;
using Puma.Models.UseLite;

namespace Puma.Models.Tests.Fuzz;

/// <summary>
/// TF.js graph models: each mutation of <c>model.json</c> (the shards stay valid) reads every
/// weight, or is a <see cref="CheckpointException"/> naming the file.
/// </summary>
public sealed class TfjsFuzzTests
{
    private static readonly (string Name, string Op)[] Nodes = [("input", "Placeholder"), ("dense/MatMul", "MatMul"), ("dense/Relu", "Relu")];

    private static readonly TfjsModelWriter.Weight[] Weights =
    [
        TfjsModelWriter.Weight.Float("dense/kernel", [2, 3], 0.5f), TfjsModelWriter.Weight.Int("dense/widths", 2, 3, 4),
        TfjsModelWriter.Weight.Float("dense/scale", [], 0.25f), TfjsModelWriter.Weight.Float("dense/bias", [3], -1),
        TfjsModelWriter.Weight.Int("dense/length", 128),
    ];

    [Fact]
    public void MutatedGraphModelsReadOrFailNamingTheFile()
    {
        using var directory = new LlamaTemporaryDirectory();
        var manifest = TfjsModelWriter.Write(directory.Path, Nodes, Weights, shards: 3);
        ReaderFuzzer.Run<CheckpointException>(directory.Path, "model.json", manifest, FuzzMutator.Json, path =>
        {
            var graph = TfjsGraphModel.Open(path);
            foreach (var (name, op) in Nodes) graph.RequireNode(name, op);
            foreach (var weight in Weights)
            {
                if (weight.Floats is not null) Assert.Equal(weight.Floats, graph.Floats(weight.Name, weight.Shape).Select(value => (float)value));
                else Assert.Equal(weight.Integers, graph.Integers(weight.Name, weight.Shape));
            }
        });
    }

    [Fact]
    public void MutatedUseLiteManifestsLoadOrFailNamingTheFile()
    {
        using var directory = new LlamaTemporaryDirectory();
        var manifest = UseLiteGraphWriter.Write(directory.Path);
        var shardBytes = Directory.GetFiles(directory.Path).Sum(shard => new FileInfo(shard).Length);
        ReaderFuzzer.Run<CheckpointException>(directory.Path, "model.json", manifest, FuzzMutator.Json, path =>
        {
            var weights = UseLiteWeights.Load(path);
            Assert.All(weights.Layers, layer => Assert.Equal(layer.InputWidth, layer.Heads * layer.HeadSize));
        }, shardBytes);
    }
}
