using System.Text.Json;

namespace Puma.Models.Evaluation;

/// <summary>
/// Reads a JSON Lines file of classification examples: one object per line with a string
/// <c>text</c> and a <c>label</c> that is a class index or a class name; other fields (ids,
/// reference logits) are ignored and blank lines skipped. Any other line is an error naming
/// the file and line rather than an example silently dropped, which would bias the accuracy.
/// </summary>
public static class LabeledTextFile
{
    /// <summary>The first <paramref name="limit"/> examples (all when null) of <paramref name="path"/>.</summary>
    /// <param name="classNames">The model's classes, index = label; a label must name or index one.</param>
    public static IReadOnlyList<LabeledText> Load(string path, IReadOnlyList<string> classNames, int? limit = null)
    {
        if (!File.Exists(path)) throw new DatasetException(path, null, "the file does not exist");
        var examples = new List<LabeledText>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (examples.Count == limit) break;
            if (string.IsNullOrWhiteSpace(line)) continue;
            examples.Add(Parse(line, path, number, classNames));
        }
        if (examples.Count == 0) throw new DatasetException(path, null, "the file holds no examples");
        return examples;
    }

    private static LabeledText Parse(string line, string path, int number, IReadOnlyList<string> classNames)
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
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new DatasetException(path, number, $"expected a JSON object, found {root.ValueKind}");
            if (!root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
                throw new DatasetException(path, number, "needs a string field \"text\"");
            if (!root.TryGetProperty("label", out var label))
                throw new DatasetException(path, number, "needs a field \"label\" (class index or name)");
            return new LabeledText(text.GetString()!, ClassOf(label, path, number, classNames));
        }
    }

    private static int ClassOf(JsonElement label, string path, int number, IReadOnlyList<string> classNames)
    {
        var known = $"0..{classNames.Count - 1} or {string.Join(", ", classNames)}";
        if (label.ValueKind == JsonValueKind.Number && label.TryGetInt32(out var index) && index >= 0 && index < classNames.Count) return index;
        if (label.ValueKind == JsonValueKind.String && IndexOf(classNames, label.GetString()!) is { } named) return named;
        throw new DatasetException(path, number, $"label {label.GetRawText()} is not one of the model's classes ({known})");
    }

    private static int? IndexOf(IReadOnlyList<string> classNames, string name)
    {
        for (var i = 0; i < classNames.Count; i++)
            if (string.Equals(classNames[i], name, StringComparison.Ordinal)) return i;
        return null;
    }
}
