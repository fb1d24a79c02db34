namespace Puma.Models.Evaluation;

/// <summary>
/// The documents a language model is evaluated on: one .txt file, or every .txt file directly
/// in a folder, in ordinal name order so that runs and machines see the same sequence.
/// </summary>
public static class TextDocuments
{
    /// <summary>The paths of the first <paramref name="limit"/> documents (all when null).</summary>
    public static IReadOnlyList<string> List(string path, int? limit = null)
    {
        if (File.Exists(path)) return [path];
        if (!Directory.Exists(path)) throw new DatasetException(path, null, "no such file or folder");
        var files = Directory.GetFiles(path, "*.txt").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0) throw new DatasetException(path, null, "the folder holds no .txt files");
        return limit is { } count ? files.Take(count).ToArray() : files;
    }
}
