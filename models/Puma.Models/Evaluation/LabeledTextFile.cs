using System.Text.Json;

namespace Puma.Models.Evaluation;

/// <summary>
/// Reads a JSON Lines file of classification examples: one object per line with a string
/// <c>text</c> and a <c>label</c> that is a class index or a class name; other fields (ids,
/// reference logits) are ignored and blank lines skipped. Any other line is an error naming
/// the file and line (<see cref="JsonLinesFile"/>).
/// </summary>
public static class LabeledTextFile
{
    /// <summary>The first <paramref name="limit"/> examples (all when null) of <paramref name="path"/>.</summary>
    /// <param name="classNames">The model's classes, index = label; a label must name or index one.</param>
    public static IReadOnlyList<LabeledText> Load(string path, IReadOnlyList<string> classNames, int? limit = null) =>
        JsonLinesFile.Read(path, limit, (item, number) =>
        {
            var text = JsonLinesFile.Text(item, path, number);
            if (!item.TryGetProperty("label", out var label))
                throw new DatasetException(path, number, "needs a field \"label\" (class index or name)");
            return new LabeledText(text, ClassOf(label, path, number, classNames));
        });

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
