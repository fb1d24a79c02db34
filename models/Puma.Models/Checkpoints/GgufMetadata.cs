using System.Text;

namespace Puma.Models.Checkpoints;

/// <summary>
/// The header and metadata key-value section of a GGUF file (versions 2 and 3, little-endian):
/// magic "GGUF", uint32 version, uint64 tensor count, uint64 key count, then per key a string
/// name, a uint32 value type and the value (strings and arrays carry a uint64 length). Tensor
/// infos and data that follow are not read, so a vocab-only file and a full model read alike.
/// Typed accessors fail with the file and key named, so a wrong or foreign file is easy to fix.
/// </summary>
public sealed class GgufMetadata
{
    private const uint Magic = 0x46554747;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _path;
    private readonly Dictionary<string, object> _values;

    private GgufMetadata(string path, uint version, Dictionary<string, object> values)
    {
        _path = path;
        Version = version;
        _values = values;
    }

    /// <summary>The GGUF format version (2 or 3).</summary>
    public uint Version { get; }

    /// <summary>The metadata keys in the file.</summary>
    public IEnumerable<string> Keys => _values.Keys;

    /// <exception cref="CheckpointException">Not a GGUF v2/v3 file, or its metadata is truncated or malformed.</exception>
    public static GgufMetadata Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new BufferedStream(File.OpenRead(path), 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        string? key = null;
        try
        {
            if (reader.ReadUInt32() != Magic) throw new CheckpointException(path, null, "is not a GGUF file (bad magic)");
            var version = reader.ReadUInt32();
            if (version is not (2 or 3)) throw new CheckpointException(path, null, $"GGUF version {version} is not supported (expected 2 or 3)");
            reader.ReadUInt64();
            var count = reader.ReadUInt64();
            var values = new Dictionary<string, object>(StringComparer.Ordinal);
            for (ulong i = 0; i < count; i++)
            {
                key = ReadString(reader);
                values[key] = ReadValue(reader, (GgufValueType)reader.ReadUInt32());
            }
            return new GgufMetadata(path, version, values);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or DecoderFallbackException or OverflowException)
        {
            throw new CheckpointException(path, key, $"GGUF metadata is malformed: {e.Message}", e);
        }
    }

    public bool Contains(string key) => _values.ContainsKey(key);

    public string String(string key) => Get<string>(key, "a string");

    public string[] Strings(string key) => Get<string[]>(key, "an array of strings");

    public float[] Floats(string key) => Get<float[]>(key, "an array of float32");

    /// <summary>An array of any integer type, widened.</summary>
    public long[] Integers(string key) => Get<long[]>(key, "an array of integers");

    /// <summary>A scalar of any integer type, or null when the key is absent.</summary>
    public long? OptionalInteger(string key) =>
        _values.ContainsKey(key) ? Get<long>(key, "an integer") : null;

    public bool? OptionalBoolean(string key) =>
        _values.ContainsKey(key) ? Get<bool>(key, "a boolean") : null;

    private T Get<T>(string key, string expected)
    {
        if (!_values.TryGetValue(key, out var value)) throw new CheckpointException(_path, key, "is missing from the GGUF metadata");
        return value is T typed ? typed : throw new CheckpointException(_path, key, $"is {value.GetType().Name}, expected {expected}");
    }

    private static object ReadValue(BinaryReader reader, GgufValueType type) => type switch
    {
        GgufValueType.UInt8 => (long)reader.ReadByte(),
        GgufValueType.Int8 => (long)reader.ReadSByte(),
        GgufValueType.UInt16 => (long)reader.ReadUInt16(),
        GgufValueType.Int16 => (long)reader.ReadInt16(),
        GgufValueType.UInt32 => (long)reader.ReadUInt32(),
        GgufValueType.Int32 => (long)reader.ReadInt32(),
        GgufValueType.UInt64 => checked((long)reader.ReadUInt64()),
        GgufValueType.Int64 => reader.ReadInt64(),
        GgufValueType.Float32 => reader.ReadSingle(),
        GgufValueType.Float64 => reader.ReadDouble(),
        GgufValueType.Bool => reader.ReadByte() != 0,
        GgufValueType.String => ReadString(reader),
        GgufValueType.Array => ReadArray(reader),
        _ => throw new InvalidDataException($"unknown value type {(uint)type}"),
    };

    private static object ReadArray(BinaryReader reader)
    {
        var type = (GgufValueType)reader.ReadUInt32();
        var length = checked((int)reader.ReadUInt64());
        switch (type)
        {
            case GgufValueType.String:
                var strings = new string[length];
                for (var i = 0; i < length; i++) strings[i] = ReadString(reader);
                return strings;
            case GgufValueType.Float32:
                var floats = new float[length];
                for (var i = 0; i < length; i++) floats[i] = reader.ReadSingle();
                return floats;
            case GgufValueType.Float64 or GgufValueType.Bool or GgufValueType.Array:
                var items = new object[length];
                for (var i = 0; i < length; i++) items[i] = ReadValue(reader, type);
                return items;
            default:
                var integers = new long[length];
                for (var i = 0; i < length; i++) integers[i] = (long)ReadValue(reader, type);
                return integers;
        }
    }

    private static string ReadString(BinaryReader reader)
    {
        var length = checked((int)reader.ReadUInt64());
        var bytes = reader.ReadBytes(length);
        if (bytes.Length != length) throw new EndOfStreamException($"string of {length} bytes is cut short");
        return StrictUtf8.GetString(bytes);
    }
}
