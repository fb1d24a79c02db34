using System.Buffers.Binary;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Puma.Models.Tests.Fuzz;

/// <summary>One mutated input and what was done to it, for the failure message.</summary>
internal sealed record FuzzMutation(byte[] Bytes, string Description);

/// <summary>
/// Deterministic mutations of a valid file, driven by a seeded <see cref="Random"/> so a failing
/// case replays from its seed alone. Byte-level mutations (truncation, bit flips, overwrites,
/// boundary integers such as huge or negative lengths, insertions, deletions) suit every format;
/// JSON mutations edit the parsed tree (wrong types, out-of-range numbers, missing fields,
/// duplicated keys) so they reach the checks behind the parser.
/// </summary>
internal static class FuzzMutator
{
    /// <summary>Integers that break length, count, offset and index fields when written over one.</summary>
    private static readonly ulong[] BoundaryIntegers =
    [
        0, 1, 2, 3, 7, 255, 256, 0x7FFF, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000,
        0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, ulong.MaxValue, ulong.MaxValue - 1, 1UL << 40, 1UL << 20,
    ];

    /// <summary>JSON values of the wrong kind or out of every sane range, written raw over a value.</summary>
    private static readonly string[] HostileJsonValues =
    [
        "null", "true", "false", "0", "-1", "1.5", "\"\"", "\"x\"", "[]", "{}", "[1,2]", "{\"a\":1}", "[\"a\",\"b\",\"c\"]",
        "2147483647", "2147483648", "-2147483649", "9223372036854775807", "18446744073709551616", "-9223372036854775809",
        "1e308", "1e400", "-1e400", "1e-400", "-0", "\"\\ud800\"", "\"\\u0000\"", "\"-1\"", "\"1e400\"",
    ];

    /// <summary>Out-of-range numbers, preferred over a number half the time: counts, sizes and ids are numbers.</summary>
    private static readonly string[] HostileNumbers =
        ["0", "-1", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "18446744073709551616", "1e308", "1e400", "-1e400", "1e-400", "0.5"];

    private const string Placeholder = "@@fuzz@@";

    /// <summary>One to three byte-level mutations of <paramref name="input"/>.</summary>
    public static FuzzMutation Binary(Random random, byte[] input)
    {
        var bytes = input;
        var steps = new List<string>();
        for (var count = random.Next(1, 4); count > 0; count--)
        {
            (bytes, var step) = BinaryStep(random, bytes);
            steps.Add(step);
        }
        return new FuzzMutation(bytes, string.Join("; ", steps));
    }

    /// <summary>Mostly tree edits of the JSON document <paramref name="input"/>, sometimes byte-level ones.</summary>
    public static FuzzMutation Json(Random random, byte[] input)
    {
        if (random.Next(4) == 0) return Binary(random, input);
        var root = JsonNode.Parse(input)!;
        var raw = new List<string>();
        var steps = new List<string>();
        for (var count = random.Next(1, 3); count > 0; count--) steps.Add(JsonStep(random, ref root, raw));
        var text = root.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        for (var i = 0; i < raw.Count; i++) text = text.Replace($"\"{Placeholder}{i}\"", raw[i], StringComparison.Ordinal);
        return new FuzzMutation(Encoding.UTF8.GetBytes(text), string.Join("; ", steps));
    }

    private static (byte[] Bytes, string Step) BinaryStep(Random random, byte[] input)
    {
        var bytes = (byte[])input.Clone();
        var at = random.Next(Math.Max(bytes.Length, 1));
        switch (random.Next(7))
        {
            case 0:
                return (bytes[..at], $"truncate to {at} bytes");
            case 1:
                var flips = random.Next(1, 9);
                for (var i = 0; i < flips && bytes.Length > 0; i++) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return (bytes, $"flip {flips} bits");
            case 2:
                var run = Math.Min(random.Next(1, 9), bytes.Length - at);
                random.NextBytes(bytes.AsSpan(at, run));
                return (bytes, $"overwrite {run} bytes at {at}");
            case 3:
                return BoundaryInteger(random, bytes);
            case 4:
                var inserted = new byte[random.Next(1, 17)];
                random.NextBytes(inserted);
                return ([.. bytes[..at], .. inserted, .. bytes[at..]], $"insert {inserted.Length} bytes at {at}");
            case 5:
                var deleted = Math.Min(random.Next(1, 65), bytes.Length - at);
                return ([.. bytes[..at], .. bytes[(at + deleted)..]], $"delete {deleted} bytes at {at}");
            default:
                var length = Math.Min(random.Next(1, 65), bytes.Length - at);
                var to = random.Next(bytes.Length + 1);
                return ([.. bytes[..to], .. bytes.AsSpan(at, length), .. bytes[to..]], $"copy {length} bytes from {at} to {to}");
        }
    }

    /// <summary>A boundary integer (4 or 8 bytes, little-endian, often 4-aligned) over a length, count or offset field.</summary>
    private static (byte[] Bytes, string Step) BoundaryInteger(Random random, byte[] bytes)
    {
        var width = random.Next(2) == 0 ? 4 : 8;
        if (bytes.Length < width) return (bytes, "no room for an integer");
        var at = random.Next(bytes.Length - width + 1);
        if (random.Next(2) == 0) at &= ~3;
        var value = BoundaryIntegers[random.Next(BoundaryIntegers.Length)];
        if (random.Next(4) == 0) value = (ulong)random.NextInt64();
        if (width == 4) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), (uint)value);
        else BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at), value);
        return (bytes, $"write {width}-byte integer {value:X} at {at}");
    }

    /// <summary>One edit of a random node; values that JsonNode cannot hold are written as placeholders replaced by raw text.</summary>
    private static string JsonStep(Random random, ref JsonNode root, List<string> raw)
    {
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var node = nodes[random.Next(nodes.Count)];
        var path = node.GetPath();
        var numeric = node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && random.Next(2) == 0;
        var hostile = numeric ? HostileNumbers[random.Next(HostileNumbers.Length)] : HostileJsonValues[random.Next(HostileJsonValues.Length)];
        switch (random.Next(node.Parent is null ? 1 : 4))
        {
            case 0 when node.Parent is null:
                raw.Add(hostile);
                root = JsonValue.Create(Placeholder + (raw.Count - 1));
                return $"replace the root with {hostile}";
            case 0:
                raw.Add(hostile);
                Replace(node, JsonValue.Create(Placeholder + (raw.Count - 1)));
                return $"set {path} to {hostile}";
            case 1:
                Remove(node);
                return $"remove {path}";
            case 2 when node.Parent is JsonObject parent:
                // Duplicated keys: a placeholder key written after the original, renamed in the text.
                var name = node.GetPropertyName();
                raw.Add(JsonSerializer.Serialize(name));
                parent[Placeholder + (raw.Count - 1)] = random.Next(2) == 0 ? node.DeepClone() : JsonNode.Parse(hostile == "\"\\ud800\"" ? "0" : hostile);
                return $"duplicate key {path}";
            default:
                Replace(node, node is JsonArray or JsonObject ? new JsonArray() : JsonValue.Create(new string('\u2581', random.Next(0, 3)) + "zz"));
                return $"empty or rename {path}";
        }
    }

    private static void Collect(JsonNode? node, List<JsonNode> nodes)
    {
        if (node is null) return;
        nodes.Add(node);
        if (node is JsonObject obj)
            foreach (var (_, child) in obj) Collect(child, nodes);
        else if (node is JsonArray array)
            foreach (var child in array) Collect(child, nodes);
    }

    private static void Replace(JsonNode node, JsonNode? replacement)
    {
        switch (node.Parent)
        {
            case JsonObject obj:
                obj[node.GetPropertyName()] = replacement;
                break;
            case JsonArray array:
                array[node.GetElementIndex()] = replacement;
                break;
        }
    }

    private static void Remove(JsonNode node)
    {
        switch (node.Parent)
        {
            case JsonObject obj:
                obj.Remove(node.GetPropertyName());
                break;
            case JsonArray array:
                array.RemoveAt(node.GetElementIndex());
                break;
        }
    }
}
