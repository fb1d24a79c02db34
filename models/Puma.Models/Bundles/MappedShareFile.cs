using System.IO.MemoryMappedFiles;

namespace Puma.Models.Bundles;

/// <summary>
/// A share file mapped into memory, so kernels read its pages in place: the page cache holds them,
/// parties on one host share them, and nothing is copied into managed or private memory. Mapped
/// copy-on-write, so a stray write stays private to the process instead of faulting.
/// </summary>
internal sealed unsafe class MappedShareFile : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private byte* _pointer;

    public MappedShareFile(string path, long bytes)
    {
        Bytes = bytes;
        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.CopyOnWrite);
        _view = _file.CreateViewAccessor(0, bytes, MemoryMappedFileAccess.CopyOnWrite);
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref _pointer);
        _pointer += _view.PointerOffset;
    }

    public long Bytes { get; }

    /// <summary>Address of element <paramref name="offset"/> (8-byte words from the start).</summary>
    public ulong* Element(long offset) => (ulong*)_pointer + offset;

    public void Dispose()
    {
        if (_pointer != null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _pointer = null;
        }
        _view.Dispose();
        _file.Dispose();
    }
}
