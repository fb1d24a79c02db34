using System.Text.Json;
using Puma.Models.Checkpoints;

namespace Puma.Models.Tokenizers;

/// <summary>
/// Reads a Hugging Face WordPiece tokenizer.json (BERT's): model WordPiece (vocab, unk_token,
/// continuing_subword_prefix, max_input_chars_per_word), a BertNormalizer or none, the
/// BertPreTokenizer, added tokens, truncation and the post-processor. Anything else the file asks
/// for is an error naming the field, never silently ignored.
/// </summary>
internal static class WordPieceTokenizerJson
{
    /// <summary>Ids index a token table, so an absurd id in a damaged file must not size one.</summary>
    private const int MaxId = 1 << 24;

    /// <summary>Whether <paramref name="root"/>'s model is a WordPiece one (how callers pick this reader).</summary>
    public static bool IsWordPiece(JsonElement root) =>
        TokenizerJson.Field(root, "model") is { } model && TokenizerJson.Field(model, "type")?.GetString() == "WordPiece";

    public static WordPieceTokenizer Load(string path)
    {
        using var document = TokenizerJson.Parse(path);
        try
        {
            return Read(path, document.RootElement);
        }
        catch (InvalidOperationException wrongKind)
        {
            // A JsonElement read as the wrong kind (a number where a string belongs, ...).
            throw new CheckpointException(path, null, $"WordPiece tokenizer has a value of the wrong type: {wrongKind.Message}", wrongKind);
        }
    }

    private static WordPieceTokenizer Read(string path, JsonElement root)
    {
        if (TokenizerJson.Field(root, "padding") is not null) throw new CheckpointException(path, "padding", "is set, which this WordPiece tokenizer does not support");
        if (!IsWordPiece(root)) throw new CheckpointException(path, "model.type", "must be WordPiece");
        var model = TokenizerJson.Field(root, "model")!.Value;
        var vocab = ReadVocab(path, model);
        var ids = new Dictionary<string, int>(vocab, StringComparer.Ordinal);
        var (raw, normalized) = (new List<string>(), new List<string>());
        var normalizer = ReadNormalizer(path, root);
        foreach (var (id, content, isNormalized) in ReadAddedTokens(path, root))
        {
            if (id >= MaxId) throw new CheckpointException(path, "added_tokens", $"'{content}' has id {id}, not below {MaxId}");
            // Like the JavaScript tokenizers, an added token can also be a WordPiece piece.
            ids[content] = id;
            var matched = isNormalized && normalizer is not null ? normalizer.Normalize(content) : content;
            if (matched.Length == 0) continue;
            ids[matched] = id;
            (isNormalized && normalizer is not null ? normalized : raw).Add(matched);
        }
        CheckPreTokenizer(path, root);

        var unknown = TokenizerJson.Field(model, "unk_token")?.GetString() ?? throw new CheckpointException(path, "model.unk_token", "missing");
        if (!ids.TryGetValue(unknown, out var unknownId)) throw new CheckpointException(path, "model.unk_token", $"'{unknown}' is not in the vocabulary");
        var prefix = TokenizerJson.Field(model, "continuing_subword_prefix")?.GetString() ?? "##";
        var maxCharacters = 100;
        if (TokenizerJson.Field(model, "max_input_chars_per_word") is { } max && (TokenizerJson.NonNegativeInt32(max) is not { } declared || (maxCharacters = declared) < 1))
            throw new CheckpointException(path, "model.max_input_chars_per_word", $"{max} is not a positive integer");

        var template = TokenizerTemplateJson.Read(path, root, ids, passThroughType: null);
        return new WordPieceTokenizer(new WordPieceModel(ids, prefix, unknownId, maxCharacters), normalizer, ids, raw, normalized, template);
    }

    private static Dictionary<string, int> ReadVocab(string path, JsonElement model)
    {
        if (TokenizerJson.Field(model, "vocab") is not { ValueKind: JsonValueKind.Object } vocabElement)
            throw new CheckpointException(path, "model.vocab", "missing or not an object");
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in vocabElement.EnumerateObject())
        {
            vocab[entry.Name] = TokenizerJson.NonNegativeInt32(entry.Value) is { } id && id < MaxId
                ? id
                : throw new CheckpointException(path, "model.vocab", $"token '{entry.Name}' has id {entry.Value}, not an integer from 0 to {MaxId - 1}");
        }
        if (vocab.Count == 0) throw new CheckpointException(path, "model.vocab", "is empty");
        return vocab;
    }

    /// <summary>The added tokens with their <c>normalized</c> flag (HF's default: true for non-special tokens).</summary>
    private static IEnumerable<(int Id, string Content, bool Normalized)> ReadAddedTokens(string path, JsonElement root)
    {
        var added = TokenizerJson.AddedTokens(path, root);
        var entries = TokenizerJson.Field(root, "added_tokens") is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().ToArray() : [];
        for (var i = 0; i < added.Count; i++)
        {
            var flag = TokenizerJson.Field(entries[i], "normalized");
            yield return (added[i].Id, added[i].Content, flag is { ValueKind: JsonValueKind.True } || (flag is null && !added[i].Special));
        }
    }

    private static BertNormalizer? ReadNormalizer(string path, JsonElement root)
    {
        if (TokenizerJson.Field(root, "normalizer") is not { } normalizer) return null;
        if (TokenizerJson.Field(normalizer, "type")?.GetString() is var type && type != "BertNormalizer")
            throw new CheckpointException(path, "normalizer.type", $"'{type}' is not supported (expected BertNormalizer)");
        bool Flag(string name, bool fallback) => TokenizerJson.Field(normalizer, name) switch
        {
            null => fallback,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            var other => throw new CheckpointException(path, $"normalizer.{name}", $"{other} is not true, false or null"),
        };
        var lowercase = Flag("lowercase", true);
        // strip_accents null follows lowercase, as in BERT's original code.
        return new BertNormalizer(Flag("clean_text", true), Flag("handle_chinese_chars", true), lowercase, Flag("strip_accents", lowercase));
    }

    private static void CheckPreTokenizer(string path, JsonElement root)
    {
        if (TokenizerJson.Field(root, "pre_tokenizer") is not { } pre || TokenizerJson.Field(pre, "type")?.GetString() != "BertPreTokenizer")
            throw new CheckpointException(path, "pre_tokenizer", "must be BertPreTokenizer for a WordPiece tokenizer");
    }
}
