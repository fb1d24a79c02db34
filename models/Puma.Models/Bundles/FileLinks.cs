using System.Runtime.InteropServices;

namespace Puma.Models.Bundles;

/// <summary>Hard links, so parties 1 and 2 on one host keep one copy of their common x2 file.</summary>
internal static partial class FileLinks
{
    /// <summary>Links <paramref name="link"/> to <paramref name="existing"/>, or copies it where the file system cannot link.</summary>
    public static void LinkOrCopy(string existing, string link)
    {
        if (!OperatingSystem.IsWindows() && Link(existing, link) == 0) return;
        File.Copy(existing, link);
    }

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existing, string link);
}
