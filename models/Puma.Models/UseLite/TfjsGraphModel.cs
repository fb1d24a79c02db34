using System.Runtime.InteropServices;
using System.Text.Json;
using Puma.Models.Checkpoints;

namespace Puma.Models.UseLite;

/// <summary>
/// The parts of a TF.js graph model (<c>model.json</c> + binary shards) a hand-written forward
/// needs: the op of each named node, to check the graph is the architecture the code implements,
/// and the weights by name, read from the shards (one group; tensors may straddle shard files)
/// with their shapes checked. Not an interpreter: nothing here executes the graph.
/// </summary>
internal sealed class TfjsGraphModel
{
    private readonly string _modelPath;
    private readonly Dictionary<string, string> _nodeOps;
    private readonly Dictionary<string, TfjsWeightEntry> _weights;
    private readonly (string Path, long Length)[] _shards;

    private TfjsGraphModel(string modelPath, Dictionary<string, string> nodeOps, Dictionary<string, TfjsWeightEntry> weights, (string, long)[] shards)
    {
        _modelPath = modelPath;
        _nodeOps = nodeOps;
        _weights = weights;
        _shards = shards;
    }

    public static TfjsGraphModel Open(string modelPath)
    {
        try
        {
            using var document = JsonFile.Parse(modelPath, File.ReadAllBytes(modelPath), "model.json");
            var root = document.RootElement;
            var nodeOps = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var node in root.GetProperty("modelTopology").GetProperty("node").EnumerateArray())
                nodeOps[Text(modelPath, node, "name")] = Text(modelPath, node, "op");

            var groups = root.GetProperty("weightsManifest");
            if (groups.GetArrayLength() != 1) throw new CheckpointException(modelPath, "weightsManifest", $"expected one weight group, found {groups.GetArrayLength()}");
            var group = groups[0];
            var directory = Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
            var shards = group.GetProperty("paths").EnumerateArray().Select(name => Shard(modelPath, directory, name)).ToArray();

            var weights = new Dictionary<string, TfjsWeightEntry>(StringComparer.Ordinal);
            long offset = 0;
            foreach (var weight in group.GetProperty("weights").EnumerateArray())
            {
                var name = Text(modelPath, weight, "name");
                var dtype = Text(modelPath, weight, "dtype");
                if (dtype is not ("float32" or "int32")) throw new CheckpointException(modelPath, name, $"dtype {dtype} is not supported (float32 or int32)");
                if (weight.TryGetProperty("quantization", out _)) throw new CheckpointException(modelPath, name, "quantized weights are not supported");
                var shape = weight.GetProperty("shape").EnumerateArray().Select(size => size.GetInt32()).ToArray();
                if (shape.Any(size => size < 0)) throw new CheckpointException(modelPath, name, $"shape [{string.Join(", ", shape)}] has a negative size");
                var entry = new TfjsWeightEntry(name, dtype, shape, offset);
                weights[name] = entry;
                offset = checked(offset + entry.ByteLength);
            }
            var shardBytes = shards.Sum(shard => shard.Length);
            if (shardBytes != offset) throw new CheckpointException(modelPath, "weightsManifest", $"the weights take {offset} bytes but the shards hold {shardBytes}");
            return new TfjsGraphModel(modelPath, nodeOps, weights, shards);
        }
        catch (Exception malformed) when (malformed is KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new CheckpointException(modelPath, null, $"not a TF.js graph model: {malformed.Message}", malformed);
        }
    }

    /// <summary>A string property (GetString would give null for a JSON null, which no name may be).</summary>
    private static string Text(string modelPath, JsonElement element, string property) =>
        element.GetProperty(property) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : throw new CheckpointException(modelPath, null, $"'{property}' of {element} is not a string");

    /// <summary>A weight shard named in the manifest, relative to model.json's folder, with its length.</summary>
    private static (string Path, long Length) Shard(string modelPath, string directory, JsonElement name)
    {
        if (name.ValueKind != JsonValueKind.String) throw new CheckpointException(modelPath, "weightsManifest.paths", $"{name} is not a file name");
        var path = Path.Combine(directory, name.GetString()!);
        return File.Exists(path)
            ? (path, new FileInfo(path).Length)
            : throw new CheckpointException(modelPath, "weightsManifest.paths", $"the weight shard '{path}' is missing");
    }

    /// <summary>Fails unless the graph has a node <paramref name="name"/> computing <paramref name="op"/>.</summary>
    public void RequireNode(string name, string op)
    {
        if (!_nodeOps.TryGetValue(name, out var actual)) throw new CheckpointException(_modelPath, name, $"the graph has no such node (expected a {op})");
        if (actual != op) throw new CheckpointException(_modelPath, name, $"the node computes {actual}, not the {op} this model's code implements");
    }

    /// <summary>A float32 weight as doubles, checked to have exactly <paramref name="shape"/>.</summary>
    public double[] Floats(string name, params int[] shape)
    {
        var entry = Entry(name, "float32", shape);
        var values = new float[entry.ElementCount];
        Read(entry, MemoryMarshal.AsBytes(values.AsSpan()));
        var widened = new double[values.Length];
        for (var i = 0; i < values.Length; i++) widened[i] = values[i];
        return widened;
    }

    /// <summary>A float32 scalar constant.</summary>
    public double Scalar(string name) => Floats(name)[0];

    /// <summary>An int32 constant, checked to have exactly <paramref name="shape"/>.</summary>
    public int[] Integers(string name, params int[] shape)
    {
        var entry = Entry(name, "int32", shape);
        var values = new int[entry.ElementCount];
        Read(entry, MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary>Fails naming the model file and <paramref name="tensor"/>.</summary>
    public CheckpointException Problem(string tensor, string problem) => new(_modelPath, tensor, problem);

    private TfjsWeightEntry Entry(string name, string dtype, int[] shape)
    {
        if (!_weights.TryGetValue(name, out var entry)) throw Problem(name, "the weights manifest has no such tensor");
        if (entry.DType != dtype) throw Problem(name, $"dtype {entry.DType}, expected {dtype}");
        if (!entry.Shape.SequenceEqual(shape)) throw Problem(name, $"shape [{string.Join(", ", entry.Shape)}], expected [{string.Join(", ", shape)}]");
        return entry;
    }

    /// <summary>Copies the entry's bytes (little-endian, as TF.js writes them) from the shards that hold them.</summary>
    private void Read(TfjsWeightEntry entry, Span<byte> destination)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("TF.js weight shards are little-endian; this machine is not.");
        long shardStart = 0, position = entry.Offset;
        var written = 0;
        foreach (var (path, length) in _shards)
        {
            if (written == destination.Length) break;
            if (position < shardStart + length)
            {
                using var file = File.OpenRead(path);
                file.Position = position - shardStart;
                var count = (int)Math.Min(destination.Length - written, shardStart + length - position);
                file.ReadExactly(destination.Slice(written, count));
                written += count;
                position += count;
            }
            shardStart += length;
        }
    }
}
