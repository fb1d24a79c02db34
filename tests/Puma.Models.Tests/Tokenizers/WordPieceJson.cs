using System.Text.Json.Nodes;

namespace Puma.Models.Tests.Tokenizers;

/// <summary>A small BERT-style WordPiece tokenizer.json, written to a temporary file, with any field replaceable.</summary>
internal static class WordPieceJson
{
    public static JsonObject Build(IEnumerable<string> pieces, Action<JsonObject>? change = null)
    {
        var vocab = new JsonObject();
        var id = 0;
        foreach (var piece in new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" }.Concat(pieces)) vocab[piece] = id++;
        var root = new JsonObject
        {
            ["version"] = "1.0",
            ["truncation"] = null,
            ["padding"] = null,
            ["added_tokens"] = new JsonArray(
                [.. new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" }.Select((content, i) => (JsonNode)new JsonObject { ["id"] = i, ["content"] = content, ["normalized"] = false, ["special"] = true })]),
            ["normalizer"] = new JsonObject { ["type"] = "BertNormalizer", ["clean_text"] = true, ["handle_chinese_chars"] = true, ["strip_accents"] = null, ["lowercase"] = true },
            ["pre_tokenizer"] = new JsonObject { ["type"] = "BertPreTokenizer" },
            ["post_processor"] = new JsonObject
            {
                ["type"] = "TemplateProcessing",
                ["single"] = new JsonArray(Special("[CLS]", 0), new JsonObject { ["Sequence"] = new JsonObject { ["id"] = "A", ["type_id"] = 0 } }, Special("[SEP]", 0)),
                ["special_tokens"] = new JsonObject
                {
                    ["[CLS]"] = new JsonObject { ["id"] = "[CLS]", ["ids"] = new JsonArray(2), ["tokens"] = new JsonArray("[CLS]") },
                    ["[SEP]"] = new JsonObject { ["id"] = "[SEP]", ["ids"] = new JsonArray(3), ["tokens"] = new JsonArray("[SEP]") },
                },
            },
            ["model"] = new JsonObject { ["type"] = "WordPiece", ["unk_token"] = "[UNK]", ["continuing_subword_prefix"] = "##", ["max_input_chars_per_word"] = 100, ["vocab"] = vocab },
        };
        change?.Invoke(root);
        return root;
    }

    public static JsonObject Special(string id, int typeId) => new() { ["SpecialToken"] = new JsonObject { ["id"] = id, ["type_id"] = typeId } };

    /// <summary>Writes <paramref name="root"/> to a temporary file; dispose to delete it.</summary>
    public static LlamaTemporaryFile Write(JsonObject root) => new(System.Text.Encoding.UTF8.GetBytes(root.ToJsonString()));
}
