using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace Puma.Models.Bundles;

/// <summary>
/// A share file mapped into memory, so kernels read its pages in place: the page cache holds them,
/// parties on one host share them, and nothing is copied into managed or private memory. Mapped
/// read-only: a read-only mapping reserves no memory, where the kernel refuses a copy-on-write
/// mapping larger than RAM (LLaMA-7B's 54 GB component failed with ENOMEM), and a stray write
/// faults instead of changing a weight.
/// </summary>
internal sealed unsafe partial class MappedShareFile : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private byte* _pointer;

    public MappedShareFile(string path, long bytes)
    {
        Bytes = bytes;
        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        _view = _file.CreateViewAccessor(0, bytes, MemoryMappedFileAccess.Read);
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref _pointer);
        _pointer += _view.PointerOffset;
    }

    public long Bytes { get; }

    /// <summary>Address of element <paramref name="offset"/> (8-byte words from the start).</summary>
    public ulong* Element(long offset) => (ulong*)_pointer + offset;

    /// <summary>
    /// Tells the kernel that elements [offset, offset + count) will be read soon, so it starts
    /// reading them from disk now (madvise MADV_WILLNEED, on Linux and macOS) while the caller
    /// computes. Advice only: where it is unavailable the pages load on first touch instead.
    /// </summary>
    /// <returns>Whether the kernel took the advice.</returns>
    public bool WillNeed(long offset, long count) =>
        (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && Advise(offset, count, WillNeedAdvice);

    /// <summary>
    /// Maps elements [offset, offset + count) into the page tables now, reading from disk what the
    /// page cache lacks (madvise MADV_POPULATE_READ, Linux 5.14 and later), before the kernels read
    /// them. Otherwise each 4 KB page faults on its first touch: streaming LLaMA-7B's component
    /// took about 58 million faults and 238 s of system time for two tokens. Where the advice is
    /// unavailable the pages fault in on first touch as before.
    /// </summary>
    /// <returns>Whether the kernel populated the range.</returns>
    public bool Populate(long offset, long count) => OperatingSystem.IsLinux() && Advise(offset, count, PopulateReadAdvice);

    /// <summary>madvise over the pages that hold elements [offset, offset + count), which must lie in the file.</summary>
    private bool Advise(long offset, long count, int advice)
    {
        if (offset < 0 || count < 0 || offset + count > Bytes / sizeof(ulong))
            throw new ArgumentOutOfRangeException(nameof(count), $"Elements [{offset}, {offset + count}) are outside the mapped file of {Bytes / sizeof(ulong)}.");
        if (count == 0) return false;
        var page = (nuint)Environment.SystemPageSize;
        var start = (nuint)Element(offset);
        var alignedStart = start & ~(page - 1);
        return Madvise(alignedStart, start - alignedStart + (nuint)count * sizeof(ulong), advice) == 0;
    }

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

    /// <summary>MADV_WILLNEED, the same value on Linux and macOS.</summary>
    private const int WillNeedAdvice = 3;

    /// <summary>MADV_POPULATE_READ (Linux).</summary>
    private const int PopulateReadAdvice = 22;

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nuint address, nuint length, int advice);
}
