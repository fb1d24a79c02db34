using System.Buffers.Binary;
using System.Text.Json;

namespace Puma.Models.Checkpoints;

/// <summary>
/// The parsed and validated JSON header of a safetensors file. Every tensor's byte range is
/// checked against its dtype and shape and against the data section, so later reads never go out
/// of bounds; problems are reported with the file and tensor name.
/// </summary>
internal sealed class SafetensorsHeader
{
    /// <summary>The format's own cap on header size (100 MB), which also rejects garbage lengths.</summary>
    private const long MaxHeaderBytes = 100_000_000;

    private const string MetadataKey = "__metadata__";

    private SafetensorsHeader(Dictionary<string, TensorInfo> tensors, Dictionary<string, string> metadata, long dataOffset)
    {
        Tensors = tensors;
        Metadata = metadata;
        DataOffset = dataOffset;
    }

    public Dictionary<string, TensorInfo> Tensors { get; }

    public Dictionary<string, string> Metadata { get; }

    /// <summary>File offset of the data section (8 + header length).</summary>
    public long DataOffset { get; }

    /// <summary>Reads the header from the first bytes of a file of <paramref name="fileLength"/> bytes.</summary>
    public static SafetensorsHeader Parse(string path, ReadOnlySpan<byte> file, long fileLength)
    {
        if (fileLength < 8)
            throw new CheckpointException(path, null, $"file is {fileLength} bytes, shorter than the 8-byte header length: not a safetensors file or truncated");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > MaxHeaderBytes)
            throw new CheckpointException(path, null, $"header length {headerLength} exceeds the 100 MB limit: not a safetensors file");
        if ((long)headerLength > fileLength - 8)
            throw new CheckpointException(path, null, $"header length {headerLength} runs past the end of the file ({fileLength} bytes): truncated file");

        using (var document = JsonFile.Parse(path, file.Slice(8, (int)headerLength).ToArray(), "header"))
        {
            var dataOffset = 8 + (long)headerLength;
            return FromJson(path, document.RootElement, dataOffset, fileLength - dataOffset);
        }
    }

    private static SafetensorsHeader FromJson(string path, JsonElement root, long dataOffset, long dataLength)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new CheckpointException(path, null, $"header must be a JSON object, found {root.ValueKind}");

        var tensors = new Dictionary<string, TensorInfo>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name == MetadataKey)
                ReadMetadata(path, property.Value, metadata);
            else if (!tensors.TryAdd(property.Name, ReadTensor(path, property.Name, property.Value, dataLength)))
                throw new CheckpointException(path, property.Name, "tensor is declared twice");
        }

        CheckNoOverlap(path, tensors.Values);
        return new SafetensorsHeader(tensors, metadata, dataOffset);
    }

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new CheckpointException(path, MetadataKey, "must be an object of strings");
        foreach (var entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
                throw new CheckpointException(path, MetadataKey, $"value of '{entry.Name}' must be a string");
            metadata[entry.Name] = entry.Value.GetString()!;
        }
    }

    private static TensorInfo ReadTensor(string path, string name, JsonElement entry, long dataLength)
    {
        if (entry.ValueKind != JsonValueKind.Object)
            throw new CheckpointException(path, name, "header entry must be an object with dtype, shape and data_offsets");

        if (!entry.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw new CheckpointException(path, name, "missing string field 'dtype'");
        var dtypeText = dtypeElement.GetString()!;
        if (!TensorDTypes.TryParse(dtypeText, out var dtype))
            throw new CheckpointException(path, name, $"dtype '{dtypeText}' is not supported (expected F32, F16 or BF16)");

        var shape = ReadShape(path, name, entry);
        var (start, end) = ReadOffsets(path, name, entry);
        if (end > dataLength)
            throw new CheckpointException(path, name, $"data_offsets [{start}, {end}] run past the end of the data section ({dataLength} bytes): truncated file");

        var info = new TensorInfo(name, dtype, shape, start, end);
        var expectedBytes = ByteCount(path, name, shape, dtype);
        if (info.ByteLength != expectedBytes)
            throw new CheckpointException(path, name, $"data_offsets [{start}, {end}] hold {info.ByteLength} bytes but {dtypeText} {info.ShapeText} needs {expectedBytes}");
        return info;
    }

    private static int[] ReadShape(string path, string name, JsonElement entry)
    {
        if (!entry.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
            throw new CheckpointException(path, name, "missing array field 'shape'");
        var shape = new int[shapeElement.GetArrayLength()];
        var i = 0;
        foreach (var dim in shapeElement.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt32(out var size) || size < 0)
                throw new CheckpointException(path, name, $"shape entry {dim} is not a non-negative 32-bit integer");
            shape[i++] = size;
        }
        return shape;
    }

    /// <summary>The bytes the shape needs, refusing a product that overflows (it would otherwise wrap to a small or zero size).</summary>
    private static long ByteCount(string path, string name, int[] shape, TensorDType dtype)
    {
        try
        {
            long bytes = dtype.Size();
            foreach (var dim in shape) bytes = checked(bytes * dim);
            return bytes;
        }
        catch (OverflowException)
        {
            throw new CheckpointException(path, name, $"shape {TensorInfo.FormatShape(shape)} has more elements than 64 bits can count");
        }
    }

    private static (long Start, long End) ReadOffsets(string path, string name, JsonElement entry)
    {
        if (!entry.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
            throw new CheckpointException(path, name, "missing field 'data_offsets' (an array [begin, end])");
        if (offsets[0].ValueKind != JsonValueKind.Number || offsets[1].ValueKind != JsonValueKind.Number
            || !offsets[0].TryGetInt64(out var start) || !offsets[1].TryGetInt64(out var end) || start < 0 || end < start)
            throw new CheckpointException(path, name, $"data_offsets {offsets} must be integers with 0 <= begin <= end");
        return (start, end);
    }

    private static void CheckNoOverlap(string path, IEnumerable<TensorInfo> tensors)
    {
        TensorInfo? previous = null;
        foreach (var tensor in tensors.Where(t => t.ByteLength > 0).OrderBy(t => t.DataStart))
        {
            if (previous is not null && tensor.DataStart < previous.DataEnd)
                throw new CheckpointException(path, tensor.Name, $"data_offsets overlap those of '{previous.Name}'");
            previous = tensor;
        }
    }
}
