using System.Runtime.InteropServices;

namespace Puma.Simd;

/// <summary>
/// Hands the native heap's free memory back to the OS between requests: the blocks
/// <see cref="NativeBlockPool"/> keeps for reuse within a request, and the C heap's free pages. A
/// request's share buffers are native and allocated on whichever threads its kernels run; freed,
/// the small ones stay with glibc as free space spread over its per-thread arenas. Over a soak that
/// free space, not live memory, is what grew a party's resident memory (300 stories260k requests:
/// the managed heap's committed bytes flat at 20 MB, glibc's in-use bytes flat at 5 MB, its free
/// bytes from 10 to 31 MB), so a party trims after each request.
/// </summary>
public static partial class NativeHeap
{
    /// <summary>Whether this C library offers malloc_trim (glibc does; musl and other systems do not).</summary>
    private static bool _trimmable = OperatingSystem.IsLinux();

    /// <summary>
    /// Frees the pooled blocks and releases the C heap's free pages (a party calls it after each
    /// request, so what one request freed does not stay resident while the server idles); the C
    /// heap part does nothing where the C library cannot.
    /// </summary>
    public static void Trim()
    {
        NativeBlockPool.Release();
        if (!_trimmable) return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception error) when (error is EntryPointNotFoundException or DllNotFoundException)
        {
            _trimmable = false;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
