using System.Text.Json;
using Puma.Models.Checkpoints;

namespace Puma.Models.Evaluation;

/// <summary>
/// Reads a JSON Lines file one object per line (blank lines skipped), handing each object and
/// its line number to a parser. A line that is not a JSON object is an error naming the file
/// and line rather than an example silently dropped, which would bias any metric over the file.
/// </summary>
public static class JsonLinesFile
{
    /// <summary>The first <paramref name="limit"/> parsed objects (all when null) of <paramref name="path"/>.</summary>
    public static IReadOnlyList<T> Read<T>(string path, int? limit, Func<JsonElement, int, T> parse)
    {
        if (Directory.Exists(path)) throw new DatasetException(path, null, "is a folder; this needs a JSON Lines (.jsonl) file");
        if (!File.Exists(path)) throw new DatasetException(path, null, "the file does not exist");
        var items = new List<T>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (items.Count == limit) break;
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var document = ParseLine(line, path, number);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new DatasetException(path, number, $"expected a JSON object, found {document.RootElement.ValueKind}");
            items.Add(parse(document.RootElement, number));
        }
        if (items.Count == 0) throw new DatasetException(path, null, "the file holds no examples");
        return items;
    }

    /// <summary>The string field <c>text</c> of a line's object.</summary>
    public static string Text(JsonElement item, string path, int number) =>
        item.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()!
            : throw new DatasetException(path, number, "needs a string field \"text\"");

    private static JsonDocument ParseLine(string line, string path, int number)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException error)
        {
            throw new DatasetException(path, number, $"not valid JSON ({error.Message})");
        }
        if (JsonFile.InvalidText(document.RootElement) is not { } problem) return document;
        document.Dispose();
        throw new DatasetException(path, number, problem);
    }
}
