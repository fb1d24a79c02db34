using System.IO.MemoryMappedFiles;

namespace Puma.Models.Checkpoints;

/// <summary>
/// A safetensors checkpoint opened by memory mapping: the header is parsed and validated once,
/// and tensors are read in place from the mapping (converted to float or double on access), so a
/// large checkpoint never needs a managed copy of the whole file. Dispose to unmap; spans from
/// <see cref="Bytes"/> are valid only until then.
/// </summary>
public sealed unsafe class SafetensorsFile : IDisposable
{
    /// <summary>Elements converted per step when a read is larger than one span can address.</summary>
    private const int ReadChunkElements = 1 << 20;

    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly SafetensorsHeader _header;
    private byte* _base;

    private SafetensorsFile(string path, MemoryMappedFile map, MemoryMappedViewAccessor view, byte* basePointer, long length)
    {
        FilePath = path;
        _map = map;
        _view = view;
        _base = basePointer;
        FileLength = length;
        var headerBytes = new ReadOnlySpan<byte>(basePointer, (int)Math.Min(length, int.MaxValue));
        _header = SafetensorsHeader.Parse(path, headerBytes, length);
    }

    /// <summary>The file this was opened from (used in every error message).</summary>
    public string FilePath { get; }

    public long FileLength { get; }

    /// <summary>The free-form <c>__metadata__</c> strings (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata => _header.Metadata;

    /// <summary>All tensors, keyed by name.</summary>
    public IReadOnlyDictionary<string, TensorInfo> Tensors => _header.Tensors;

    /// <summary>Maps and validates <paramref name="path"/>; throws <see cref="CheckpointException"/> if malformed.</summary>
    public static SafetensorsFile Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length < 8)
        {
            var length = stream.Length;
            stream.Dispose();
            throw new CheckpointException(path, null, $"file is {length} bytes, shorter than the 8-byte header length: not a safetensors file or truncated");
        }

        MemoryMappedFile? map = null;
        MemoryMappedViewAccessor? view = null;
        var acquired = false;
        try
        {
            map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            acquired = true;
            return new SafetensorsFile(path, map, view, pointer + view.PointerOffset, stream.Length);
        }
        catch
        {
            if (acquired) view!.SafeMemoryMappedViewHandle.ReleasePointer();
            view?.Dispose();
            map?.Dispose();
            stream.Dispose();
            throw;
        }
    }

    public bool Contains(string name) => _header.Tensors.ContainsKey(name);

    /// <summary>The header entry of <paramref name="name"/>; throws if the file has no such tensor.</summary>
    public TensorInfo Info(string name) =>
        _header.Tensors.TryGetValue(name, out var info)
            ? info
            : throw new CheckpointException(FilePath, name, $"tensor not found (the file has {_header.Tensors.Count} tensors)");

    /// <summary>The header entry, checked against the shape the model config implies.</summary>
    public TensorInfo Info(string name, ReadOnlySpan<int> expectedShape)
    {
        var info = Info(name);
        if (!info.Shape.SequenceEqual(expectedShape.ToArray()))
            throw new CheckpointException(FilePath, name, $"shape {info.ShapeText} does not match {TensorInfo.FormatShape(expectedShape.ToArray())} implied by the config");
        return info;
    }

    /// <summary>The stored bytes, in place in the mapping (little-endian, in the tensor's dtype).</summary>
    public ReadOnlySpan<byte> Bytes(string name)
    {
        var info = Info(name);
        if (info.ByteLength > int.MaxValue)
            throw new CheckpointException(FilePath, name, $"{info.ByteLength} bytes is too large for one span; read it in slices");
        return ElementBytes(info, 0, (int)info.ElementCount);
    }

    /// <summary>Elements [<paramref name="firstElement"/>, + destination length) converted to float.</summary>
    public void Read(string name, long firstElement, Span<float> destination)
    {
        var info = CheckRange(name, firstElement, destination.Length);
        for (var done = 0; done < destination.Length; done += ReadChunkElements)
        {
            var count = Math.Min(ReadChunkElements, destination.Length - done);
            TensorConversion.ToSingle(ElementBytes(info, firstElement + done, count), info.DType, destination.Slice(done, count));
        }
    }

    /// <summary>Elements [<paramref name="firstElement"/>, + destination length) converted to double.</summary>
    public void Read(string name, long firstElement, Span<double> destination)
    {
        var info = CheckRange(name, firstElement, destination.Length);
        for (var done = 0; done < destination.Length; done += ReadChunkElements)
        {
            var count = Math.Min(ReadChunkElements, destination.Length - done);
            TensorConversion.ToDouble(ElementBytes(info, firstElement + done, count), info.DType, destination.Slice(done, count));
        }
    }

    /// <summary>The whole tensor as float, after checking its shape is <paramref name="expectedShape"/>.</summary>
    public float[] ReadSingles(string name, params ReadOnlySpan<int> expectedShape)
    {
        var result = new float[CheckedLength(Info(name, expectedShape))];
        Read(name, 0, result);
        return result;
    }

    /// <summary>The whole tensor as double, after checking its shape is <paramref name="expectedShape"/>.</summary>
    public double[] ReadDoubles(string name, params ReadOnlySpan<int> expectedShape)
    {
        var result = new double[CheckedLength(Info(name, expectedShape))];
        Read(name, 0, result);
        return result;
    }

    public void Dispose()
    {
        if (_base == null) return;
        _base = null;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }

    private TensorInfo CheckRange(string name, long firstElement, int count)
    {
        var info = Info(name);
        if (firstElement < 0 || firstElement + count > info.ElementCount)
            throw new CheckpointException(FilePath, name, $"elements [{firstElement}, {firstElement + count}) are outside the tensor's {info.ElementCount}");
        return info;
    }

    private int CheckedLength(TensorInfo info) =>
        info.ElementCount <= Array.MaxLength
            ? (int)info.ElementCount
            : throw new CheckpointException(FilePath, info.Name, $"{info.ElementCount} elements do not fit one array; read it in slices");

    private ReadOnlySpan<byte> ElementBytes(TensorInfo info, long firstElement, int count)
    {
        ObjectDisposedException.ThrowIf(_base == null, this);
        var size = info.DType.Size();
        return new ReadOnlySpan<byte>(_base + _header.DataOffset + info.DataStart + firstElement * size, count * size);
    }
}
