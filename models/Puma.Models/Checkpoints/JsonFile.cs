using System.Text.Json;

namespace Puma.Models.Checkpoints;

/// <summary>
/// Parses the JSON of a model file (config, tokenizer, safetensors header, TF.js manifest) for a
/// reader. Bad syntax, invalid UTF-8 and lone surrogate escapes (<c>"\ud800"</c>) all become a
/// <see cref="CheckpointException"/> naming the file here, once, because <c>System.Text.Json</c>
/// only reports the last two when a string is read, as an <see cref="InvalidOperationException"/>;
/// after this every string, property name and <c>ToString()</c> of the document is safe to read.
/// Data sets, which report a line rather than a field, check their lines with <see cref="InvalidText"/>.
/// </summary>
internal static class JsonFile
{
    /// <param name="path">The file, named in the error.</param>
    /// <param name="utf8">Its JSON text.</param>
    /// <param name="what">What the text is, for the message (e.g. "config", "header").</param>
    public static JsonDocument Parse(string path, ReadOnlyMemory<byte> utf8, string what)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException e)
        {
            throw new CheckpointException(path, null, $"{what} is not valid JSON: {e.Message}", e);
        }

        if (InvalidText(document.RootElement) is not { } problem) return document;
        document.Dispose();
        throw new CheckpointException(path, null, $"{what} {problem}");
    }

    /// <summary>Why a string or property name of <paramref name="element"/> cannot be read, or null when all can.</summary>
    public static string? InvalidText(JsonElement element)
    {
        try
        {
            CheckStrings(element);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return $"holds a string that is not valid Unicode text: {e.Message}";
        }
    }

    /// <summary>Decodes every string and property name (the document's depth is capped by the parser).</summary>
    private static void CheckStrings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                element.GetString();
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) CheckStrings(item);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    CheckStrings(property.Value);
                }
                break;
        }
    }
}
