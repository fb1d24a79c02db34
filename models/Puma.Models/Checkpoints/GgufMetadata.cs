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

    /// <summary>How deep arrays of arrays may nest; deeper is a corrupt file, not a vocabulary (and would exhaust the stack).</summary>
    private const int MaxArrayDepth = 4;

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
                if (!values.TryAdd(key, ReadValue(reader, (GgufValueType)reader.ReadUInt32(), depth: 0)))
                    throw new InvalidDataException("the key appears twice");
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

    private static object ReadValue(BinaryReader reader, GgufValueType type, int depth) => type switch
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
        GgufValueType.Array => ReadArray(reader, depth + 1),
        _ => throw new InvalidDataException($"unknown value type {(uint)type}"),
    };

    /// <summary>An array, its length checked against the bytes left before anything is allocated.</summary>
    private static object ReadArray(BinaryReader reader, int depth)
    {
        if (depth > MaxArrayDepth) throw new InvalidDataException($"arrays nest deeper than {MaxArrayDepth} levels");
        var type = (GgufValueType)reader.ReadUInt32();
        var length = ReadLength(reader, MinimumSize(type), "array");
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
                for (var i = 0; i < length; i++) items[i] = ReadValue(reader, type, depth);
                return items;
            default:
                var integers = new long[length];
                for (var i = 0; i < length; i++) integers[i] = (long)ReadValue(reader, type, depth);
                return integers;
        }
    }

    private static string ReadString(BinaryReader reader) => StrictUtf8.GetString(reader.ReadBytes(ReadLength(reader, 1, "string")));

    /// <summary>A uint64 element count, refused when <paramref name="elementBytes"/> each would run past the end of the file.</summary>
    private static int ReadLength(BinaryReader reader, int elementBytes, string what)
    {
        var length = reader.ReadUInt64();
        var remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        if (length > (ulong)(remaining / elementBytes) || length > (ulong)Array.MaxLength)
            throw new EndOfStreamException($"{what} length {length} runs past the end of the file ({remaining} bytes left)");
        return (int)length;
    }

    /// <summary>The fewest bytes one value of <paramref name="type"/> takes (a string or array at least its length field).</summary>
    private static int MinimumSize(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 or GgufValueType.String => 8,
        GgufValueType.Array => 12,
        _ => throw new InvalidDataException($"unknown array element type {(uint)type}"),
    };
}
