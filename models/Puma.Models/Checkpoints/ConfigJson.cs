using System.Text;
using System.Text.Json;

namespace Puma.Models.Checkpoints;

/// <summary>
/// A Hugging Face <c>config.json</c> with typed field access whose errors name the file and the
/// field, so each architecture's config record stays a short list of fields and checks.
/// A field set to JSON null counts as absent (HF writes e.g. <c>"n_inner": null</c>).
/// </summary>
public sealed class ConfigJson
{
    private readonly JsonElement _root;

    private ConfigJson(string path, JsonElement root)
    {
        FilePath = path;
        _root = root;
    }

    /// <summary>The file (or label) used in error messages.</summary>
    public string FilePath { get; }

    public static ConfigJson Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses JSON text; <paramref name="path"/> only labels errors.</summary>
    public static ConfigJson Parse(string json, string path)
    {
        using var document = JsonFile.Parse(path, Encoding.UTF8.GetBytes(json), "config");
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new CheckpointException(path, null, $"config must be a JSON object, found {document.RootElement.ValueKind}");
        return new ConfigJson(path, document.RootElement.Clone());
    }

    public bool Has(string field) => Find(field) is not null;

    /// <summary>A positive 32-bit integer field that must be present.</summary>
    public int PositiveInt(string field) => PositiveInt(field, null);

    /// <summary>A positive 32-bit integer field, or <paramref name="fallback"/> when absent.</summary>
    public int PositiveInt(string field, int? fallback)
    {
        if (Find(field) is not { } value)
            return fallback ?? throw Error(field, "required integer field is missing");
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
            throw Error(field, $"must be an integer, found {value}");
        if (number <= 0) throw Error(field, $"must be positive, found {number}");
        return number;
    }

    /// <summary>An integer field that may be absent (then null).</summary>
    public int? OptionalInt(string field)
    {
        if (Find(field) is not { } value) return null;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw Error(field, $"must be an integer, found {value}");
    }

    /// <summary>A positive finite number, or <paramref name="fallback"/> when absent.</summary>
    public double PositiveDouble(string field, double? fallback)
    {
        if (Find(field) is not { } value)
            return fallback ?? throw Error(field, "required number field is missing");
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number) || number <= 0)
            throw Error(field, $"must be a positive number, found {value}");
        return number;
    }

    public bool Bool(string field, bool fallback)
    {
        if (Find(field) is not { } value) return fallback;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(field, $"must be true or false, found {value}"),
        };
    }

    /// <summary>A string field, or null when absent.</summary>
    public string? String(string field)
    {
        if (Find(field) is not { } value) return null;
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Error(field, $"must be a string, found {value}");
    }

    /// <summary>An array of strings (empty when absent), e.g. <c>architectures</c>.</summary>
    public IReadOnlyList<string> Strings(string field)
    {
        if (Find(field) is not { } value) return [];
        if (value.ValueKind != JsonValueKind.Array) throw Error(field, $"must be an array of strings, found {value}");
        return value.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Error(field, $"must hold strings, found {item}"))
            .ToArray();
    }

    /// <summary>A map from integer-string keys to strings, e.g. <c>id2label</c>, as a list indexed by key.</summary>
    public IReadOnlyList<string> IndexedStrings(string field)
    {
        if (Find(field) is not { } value) return [];
        if (value.ValueKind != JsonValueKind.Object) throw Error(field, $"must be an object, found {value}");
        var entries = new SortedDictionary<int, string>();
        foreach (var entry in value.EnumerateObject())
        {
            if (!int.TryParse(entry.Name, out var index) || index < 0 || entry.Value.ValueKind != JsonValueKind.String)
                throw Error(field, $"entry \"{entry.Name}\": {entry.Value} is not a non-negative index mapped to a string");
            entries[index] = entry.Value.GetString()!;
        }
        if (entries.Count > 0 && entries.Keys.Last() != entries.Count - 1)
            throw Error(field, $"indices must be 0..{entries.Count - 1} without gaps");
        return entries.Values.ToArray();
    }

    /// <summary>Fails unless <paramref name="condition"/> holds; used for cross-field checks.</summary>
    public void Require(bool condition, string field, string problem)
    {
        if (!condition) throw Error(field, problem);
    }

    /// <summary>An error naming this file and <paramref name="field"/>.</summary>
    public CheckpointException Error(string field, string problem) => new(FilePath, field, problem);

    private JsonElement? Find(string field) =>
        _root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
