using System.Text.Json;
using Puma.Models.Checkpoints;

namespace Puma.Models.Tokenizers;

/// <summary>
/// Reads tokenizer.json's <c>post_processor</c> and <c>truncation</c> into a
/// <see cref="TokenizerTemplate"/>: TemplateProcessing's "single" template (special tokens and one
/// sequence, each with its type id), BertProcessing (<c>cls $A sep</c>, type 0), or a
/// post-processor that adds nothing (named by the caller, e.g. ByteLevel).
/// </summary>
internal static class TokenizerTemplateJson
{
    /// <param name="passThroughType">A post-processor type that adds no tokens, or null.</param>
    public static TokenizerTemplate Read(string path, JsonElement root, IReadOnlyDictionary<string, int> ids, string? passThroughType)
    {
        var items = TokenizerJson.Field(root, "post_processor") is { } post
            ? TokenizerJson.Text(post, "type") switch
            {
                "TemplateProcessing" => SingleTemplate(path, post, ids),
                "BertProcessing" => [BertSpecial(path, post, "cls", ids), new TemplateItem(null, 0), BertSpecial(path, post, "sep", ids)],
                var type when type is not null && type == passThroughType => [new TemplateItem(null, 0)],
                var type => throw new CheckpointException(path, "post_processor", $"type '{type}' is not supported (expected TemplateProcessing, BertProcessing{(passThroughType is null ? "" : $" or {passThroughType}")})"),
            }
            : [new TemplateItem(null, 0)];
        var specials = items.Sum(item => item.Ids?.Length ?? 0);

        int? maxLength = null;
        var keepEnd = false;
        if (TokenizerJson.Field(root, "truncation") is { } truncation)
        {
            if (TokenizerJson.Field(truncation, "max_length") is not { } max || TokenizerJson.NonNegativeInt32(max) is not { } length || length <= specials)
                throw new CheckpointException(path, "truncation.max_length", $"must be an integer above the {specials} special tokens");
            maxLength = length;
            keepEnd = TokenizerJson.Text(truncation, "direction") == "Left";
        }
        return new TokenizerTemplate(items, maxLength, keepEnd);
    }

    /// <summary>The "single" template: special tokens around exactly one Sequence item.</summary>
    private static TemplateItem[] SingleTemplate(string path, JsonElement post, IReadOnlyDictionary<string, int> ids)
    {
        if (TokenizerJson.Field(post, "single") is not { ValueKind: JsonValueKind.Array } single)
            throw new CheckpointException(path, "post_processor.single", "missing template");
        var specials = TokenizerJson.Field(post, "special_tokens");
        var items = new List<TemplateItem>();
        foreach (var item in single.EnumerateArray())
        {
            if (TokenizerJson.Field(item, "Sequence") is { } sequence)
            {
                items.Add(new TemplateItem(null, TypeId(path, sequence)));
                continue;
            }
            var special = TokenizerJson.Field(item, "SpecialToken");
            var name = special is { } token ? TokenizerJson.Text(token, "id") : null;
            if (special is null || name is null)
                throw new CheckpointException(path, "post_processor.single", $"item {item} is neither a Sequence nor a SpecialToken");
            items.Add(new TemplateItem(SpecialIds(path, specials, name, ids), TypeId(path, special.Value)));
        }
        if (items.Count(item => item.Ids is null) != 1)
            throw new CheckpointException(path, "post_processor.single", $"template has {items.Count(item => item.Ids is null)} sequences, expected exactly one");
        return [.. items];
    }

    private static int TypeId(string path, JsonElement item) =>
        TokenizerJson.Field(item, "type_id") is not { } type ? 0
        : TokenizerJson.NonNegativeInt32(type) is { } value ? value
        : throw new CheckpointException(path, "post_processor.single", $"type_id {type} is not a non-negative integer");

    private static int[] SpecialIds(string path, JsonElement? specials, string name, IReadOnlyDictionary<string, int> ids)
    {
        if (specials is { } map && TokenizerJson.Field(map, name) is { } entry && TokenizerJson.Field(entry, "ids") is { ValueKind: JsonValueKind.Array } list)
        {
            return [.. list.EnumerateArray().Select(id => TokenizerJson.NonNegativeInt32(id) is { } value && IsVocabularyId(ids, value)
                ? value
                : throw new CheckpointException(path, "post_processor.special_tokens", $"'{name}' lists id {id}, which is no token of the vocabulary"))];
        }
        return ids.TryGetValue(name, out var single)
            ? [single]
            : throw new CheckpointException(path, "post_processor.special_tokens", $"'{name}' is used by the template but not defined");
    }

    /// <summary>BertProcessing's <c>cls</c> or <c>sep</c>: a [token, id] pair.</summary>
    private static TemplateItem BertSpecial(string path, JsonElement post, string name, IReadOnlyDictionary<string, int> ids)
    {
        if (TokenizerJson.Field(post, name) is { ValueKind: JsonValueKind.Array } pair && pair.GetArrayLength() == 2
            && TokenizerJson.NonNegativeInt32(pair[1]) is { } id && IsVocabularyId(ids, id))
            return new TemplateItem([id], 0);
        throw new CheckpointException(path, $"post_processor.{name}", "must be a [token, id] pair whose id is a token of the vocabulary");
    }

    /// <summary>Whether <paramref name="id"/> is a token's id: a template must not produce an id past the vocabulary (the embedding).</summary>
    private static bool IsVocabularyId(IReadOnlyDictionary<string, int> ids, int id) => ids.Values.Contains(id);
}
