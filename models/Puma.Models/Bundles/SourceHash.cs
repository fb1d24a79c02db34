using System.Security.Cryptography;
using System.Text;

namespace Puma.Models.Bundles;

/// <summary>
/// SHA-256 naming a source checkpoint: over each file of its folder (top level, ordinal name
/// order) its name, its length and its bytes. Two bundles with equal hashes came from the same files.
/// </summary>
public static class SourceHash
{
    public static string OfFolder(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        foreach (var path in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(path);
            hash.AppendData(Encoding.UTF8.GetBytes($"{Path.GetFileName(path)}\n{stream.Length}\n"));
            int read;
            while ((read = stream.Read(buffer)) > 0) hash.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>SHA-256 of one file, in lowercase hex, reading it in 1 MB blocks and reporting each.</summary>
    public static string OfFile(string path, Action<long>? onBytes = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            onBytes?.Invoke(read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
