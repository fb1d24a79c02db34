using System.Text.Json;
using Puma.Models.Checkpoints;

namespace Puma.Models.Tokenizers;

/// <summary>
/// What the two Hugging Face tokenizer.json readers share: parsing with an error that names the
/// file, null-tolerant field access, the added tokens, and the checks on a BPE <c>model</c> object that both need
/// (type, no subword affixes, no dropout), with byte fallback required by one and refused by the
/// other.
/// </summary>
internal static class TokenizerJson
{
    public static JsonDocument Parse(string path) => JsonFile.Parse(path, File.ReadAllBytes(path), "tokenizer");

    /// <summary>The named property of an object, or null when it is missing or JSON null.</summary>
    public static JsonElement? Field(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>The named string property, or null when it is missing or not a string (the caller then names the field).</summary>
    public static string? Text(JsonElement element, string name) =>
        Field(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>The element as a 32-bit integer, or null when it is another kind of value or out of range.</summary>
    public static int? Int32(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var number) ? number : null;

    /// <summary>The element as a non-negative 32-bit integer, or null when it is anything else (a string, a fraction, out of range).</summary>
    public static int? NonNegativeInt32(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value) && value >= 0 ? value : null;

    /// <summary>
    /// The <c>added_tokens</c> entries, checked: a non-empty content, a non-negative id, and none of
    /// the matching options (lstrip, rstrip, single_word) that the readers do not support.
    /// </summary>
    public static List<ByteLevelBpeAddedToken> AddedTokens(string path, JsonElement root)
    {
        var added = new List<ByteLevelBpeAddedToken>();
        var ids = new HashSet<int>();
        if (Field(root, "added_tokens") is not { ValueKind: JsonValueKind.Array } tokens) return added;
        foreach (var token in tokens.EnumerateArray())
        {
            var content = Text(token, "content");
            if (content is null or "" || Field(token, "id") is not { } idElement || Int32(idElement) is not (>= 0 and var id))
                throw new CheckpointException(path, "added_tokens", $"entry {token} needs a non-empty content and a non-negative id");
            foreach (var flag in new[] { "lstrip", "rstrip", "single_word" })
            {
                if (Field(token, flag) is { ValueKind: JsonValueKind.True })
                    throw new CheckpointException(path, "added_tokens", $"'{content}' sets {flag}, which is not supported");
            }
            if (!ids.Add(id)) throw new CheckpointException(path, "added_tokens", $"'{content}' has id {id}, which an earlier added token has");
            added.Add(new ByteLevelBpeAddedToken(id, content, Field(token, "special") is { ValueKind: JsonValueKind.True }));
        }
        return added;
    }

    /// <summary>
    /// The root's BPE <c>model</c>, checked: <paramref name="byteFallback"/> says whether
    /// <c>byte_fallback</c> must be true (SentencePiece-style) or must not be (byte-level BPE).
    /// </summary>
    public static JsonElement BpeModel(string path, JsonElement root, bool byteFallback)
    {
        var model = Field(root, "model") ?? throw new CheckpointException(path, "model", "missing");
        if (Field(model, "type") is { } type && Text(model, "type") != "BPE") throw new CheckpointException(path, "model.type", $"'{type}' is not supported (expected BPE)");
        var hasByteFallback = Field(model, "byte_fallback") is { ValueKind: JsonValueKind.True };
        if (byteFallback && !hasByteFallback)
            throw new CheckpointException(path, "model.byte_fallback", "must be true for a SentencePiece-style (LLaMA) BPE tokenizer");
        if (!byteFallback && hasByteFallback)
            throw new CheckpointException(path, "model.byte_fallback", "byte fallback is not supported by byte-level BPE");
        foreach (var affix in new[] { "continuing_subword_prefix", "end_of_word_suffix" })
        {
            if (Field(model, affix) is { ValueKind: JsonValueKind.String } value && value.GetString()!.Length > 0)
                throw new CheckpointException(path, $"model.{affix}", $"'{value.GetString()}' is not supported");
        }
        if (Field(model, "dropout") is { } dropout && (dropout.ValueKind != JsonValueKind.Number || !dropout.TryGetDouble(out var rate) || rate != 0))
            throw new CheckpointException(path, "model.dropout", "BPE dropout is not supported (encoding must be deterministic)");
        return model;
    }

    /// <summary>
    /// The model's merges as (left id, right id) → (rank, merged id), rank = position in the list
    /// (the first of duplicate pairs wins); accepts both "a b" strings and ["a", "b"] pairs.
    /// </summary>
    public static Dictionary<(int, int), (int Rank, int Merged)> RankedMerges(string path, JsonElement model, IReadOnlyDictionary<string, int> ids)
    {
        if (Field(model, "merges") is not { ValueKind: JsonValueKind.Array } list)
            throw new CheckpointException(path, "model.merges", "missing or not an array");
        var merges = new Dictionary<(int, int), (int, int)>();
        var rank = 0;
        foreach (var merge in list.EnumerateArray())
        {
            var (left, right) = merge.ValueKind switch
            {
                JsonValueKind.String when merge.GetString()!.Split(' ') is [var a, var b] => (a, b),
                JsonValueKind.Array when merge.GetArrayLength() == 2 && merge[0].ValueKind == JsonValueKind.String && merge[1].ValueKind == JsonValueKind.String
                    => (merge[0].GetString()!, merge[1].GetString()!),
                _ => throw new CheckpointException(path, "model.merges", $"entry {rank} ({merge}) is not a pair of tokens"),
            };
            int Id(string token) => ids.TryGetValue(token, out var id)
                ? id
                : throw new CheckpointException(path, "model.merges", $"entry {rank} ('{left} {right}') uses '{token}', which is not in the vocabulary");
            merges.TryAdd((Id(left), Id(right)), (rank, Id(left + right)));
            rank++;
        }
        return merges;
    }
}
