using System.IO.MemoryMappedFiles;
using Puma.Models.Checkpoints;
using Puma.Models.Reference;

namespace Puma.Models.Llama2c;

/// <summary>
/// A llama2.c checkpoint (<c>run.c</c>'s .bin format), memory-mapped read-only: tensors are spans
/// over the mapping, never copied. The file's size must match what its header describes exactly,
/// so a truncated or mislabelled file fails here, naming the file, rather than producing garbage.
/// </summary>
public sealed unsafe class Llama2cCheckpoint : LlamaWeights, IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly Llama2cLayout _layout;
    private readonly float* _tensors;
    private bool _disposed;

    private Llama2cCheckpoint(string path, Llama2cHeader header, Llama2cLayout layout, MemoryMappedFile file, MemoryMappedViewAccessor view)
    {
        FilePath = path;
        Header = header;
        Config = header.ToConfig();
        _layout = layout;
        _file = file;
        _view = view;
        byte* start = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        _tensors = (float*)(start + view.PointerOffset + Llama2cHeader.Size);
    }

    /// <summary>The file the weights are mapped from.</summary>
    public string FilePath { get; }

    /// <summary>The header as stored, including the sign that marks an untied classifier.</summary>
    public Llama2cHeader Header { get; }

    /// <inheritdoc />
    public override LlamaConfig Config { get; }

    /// <summary>
    /// Maps <paramref name="path"/> and checks it against its header.
    /// </summary>
    /// <exception cref="CheckpointException">The header is inconsistent or the file's size does not match it.</exception>
    public static Llama2cCheckpoint Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("llama2.c checkpoints are read in place as little-endian floats.");
        var fileBytes = new FileInfo(path).Length;
        if (fileBytes < Llama2cHeader.Size)
            throw Malformed(path, $"is {fileBytes} bytes, shorter than the {Llama2cHeader.Size}-byte header");

        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, capacity: 0, MemoryMappedFileAccess.Read);
        MemoryMappedViewAccessor? view = null;
        try
        {
            view = file.CreateViewAccessor(0, fileBytes, MemoryMappedFileAccess.Read);
            Span<byte> headerBytes = stackalloc byte[Llama2cHeader.Size];
            for (var i = 0; i < headerBytes.Length; i++) headerBytes[i] = view.ReadByte(i);
            var header = Llama2cHeader.Parse(headerBytes);
            var layout = Validate(path, header, fileBytes);
            return new Llama2cCheckpoint(path, header, layout, file, view);
        }
        catch
        {
            view?.Dispose();
            file.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override ReadOnlySpan<float> TokenEmbedding => Tensor(_layout.TokenEmbedding, Config.VocabSize, Config.Dim);

    /// <inheritdoc />
    public override ReadOnlySpan<float> AttentionNorm(int layer) => LayerTensor(_layout.AttentionNorm, layer, 1, Config.Dim);

    /// <inheritdoc />
    public override ReadOnlySpan<float> Query(int layer) => LayerTensor(_layout.Query, layer, Config.Dim, Config.Dim);

    /// <inheritdoc />
    public override ReadOnlySpan<float> Key(int layer) => LayerTensor(_layout.Key, layer, Config.KvDim, Config.Dim);

    /// <inheritdoc />
    public override ReadOnlySpan<float> Value(int layer) => LayerTensor(_layout.Value, layer, Config.KvDim, Config.Dim);

    /// <inheritdoc />
    public override ReadOnlySpan<float> AttentionOutput(int layer) => LayerTensor(_layout.AttentionOutput, layer, Config.Dim, Config.Dim);

    /// <inheritdoc />
    public override ReadOnlySpan<float> FeedForwardNorm(int layer) => LayerTensor(_layout.FeedForwardNorm, layer, 1, Config.Dim);

    /// <inheritdoc />
    public override ReadOnlySpan<float> Gate(int layer) => LayerTensor(_layout.Gate, layer, Config.HiddenDim, Config.Dim);

    /// <inheritdoc />
    public override ReadOnlySpan<float> Up(int layer) => LayerTensor(_layout.Up, layer, Config.HiddenDim, Config.Dim);

    /// <inheritdoc />
    public override ReadOnlySpan<float> Down(int layer) => LayerTensor(_layout.Down, layer, Config.Dim, Config.HiddenDim);

    /// <inheritdoc />
    public override ReadOnlySpan<float> FinalNorm => Tensor(_layout.FinalNorm, 1, Config.Dim);

    /// <inheritdoc />
    public override ReadOnlySpan<float> Classifier => Tensor(_layout.Classifier, Config.VocabSize, Config.Dim);

    /// <summary>Unmaps the file; spans obtained earlier must no longer be used.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    private static Llama2cLayout Validate(string path, Llama2cHeader header, long fileBytes)
    {
        var problem = header.Vocab is 0 or int.MinValue ? $"vocab {header.Vocab} is not a token count" : header.ToConfig().FindProblem();
        if (problem is not null) throw Malformed(path, $"has an invalid header ({header}): {problem}");
        var layout = Llama2cLayout.TryCreate(header)
            ?? throw Malformed(path, $"has a header whose tensor sizes overflow ({header})");
        if (fileBytes < layout.FileBytes)
            throw Malformed(path, $"is truncated: its header ({header}) needs {layout.FileBytes} bytes but the file has {fileBytes}");
        if (fileBytes > layout.FileBytes)
            throw Malformed(path, $"does not match its header ({header}): that needs {layout.FileBytes} bytes but the file has {fileBytes}");
        return layout;
    }

    private static CheckpointException Malformed(string path, string problem) =>
        new(path, null, $"llama2.c checkpoint {problem}");

    private ReadOnlySpan<float> LayerTensor(long offset, int layer, int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, Config.Layers);
        return Tensor(offset + (long)layer * rows * columns, rows, columns);
    }

    private ReadOnlySpan<float> Tensor(long offset, int rows, int columns)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new ReadOnlySpan<float>(_tensors + offset, checked(rows * columns));
    }
}
