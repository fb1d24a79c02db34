namespace Puma.Models.Evaluation;

/// <summary>
/// Sentences to embed: a JSON Lines file (<c>.jsonl</c>) whose objects have a string
/// <c>text</c> (other fields ignored), or any other UTF-8 text file with one sentence per line
/// (blank lines skipped).
/// </summary>
public static class SentenceFile
{
    /// <summary>The first <paramref name="limit"/> sentences (all when null) of <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> Load(string path, int? limit = null)
    {
        if (path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            return JsonLinesFile.Read(path, limit, (item, number) => JsonLinesFile.Text(item, path, number));
        if (!File.Exists(path)) throw new DatasetException(path, null, "the file does not exist");
        var sentences = File.ReadLines(path).Where(line => !string.IsNullOrWhiteSpace(line)).Take(limit ?? int.MaxValue).ToArray();
        return sentences.Length > 0 ? sentences : throw new DatasetException(path, null, "the file holds no sentences");
    }
}
