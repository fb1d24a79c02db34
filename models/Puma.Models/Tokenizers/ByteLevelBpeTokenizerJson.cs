using System.Text.Json;
using Puma.Models.Checkpoints;

namespace Puma.Models.Tokenizers;

/// <summary>
/// Reads a Hugging Face tokenizer.json into a <see cref="ByteLevelBpeTokenizer"/>. Anything the
/// tokenizer would have to do but this reader does not implement (a normalizer, padding, token
/// stripping, another model type) is an error naming the field, never silently ignored.
/// </summary>
internal static class ByteLevelBpeTokenizerJson
{
    public static ByteLevelBpeTokenizer Load(string path)
    {
        using (var document = TokenizerJson.Parse(path))
        {
            var root = document.RootElement;
            RequireNullOrMissing(path, root, "normalizer");
            RequireNullOrMissing(path, root, "padding");
            var addPrefixSpace = ReadPreTokenizer(path, root);
            CheckDecoder(path, root);

            var model = TokenizerJson.BpeModel(path, root, byteFallback: false);
            var vocab = ReadVocab(path, model);
            var merges = TokenizerJson.RankedMerges(path, model, vocab);
            var added = TokenizerJson.AddedTokens(path, root);
            var ids = new Dictionary<string, int>(vocab, StringComparer.Ordinal);
            foreach (var token in added) ids[token.Content] = token.Id;
            CheckIdsFitTheFile(path, ids);

            var template = TokenizerTemplateJson.Read(path, root, ids, passThroughType: "ByteLevel");
            return new ByteLevelBpeTokenizer(new ByteLevelBpeModel(vocab, merges), vocab, added, addPrefixSpace, template, ByteLevelBpePreTokenizer.Gpt2);
        }
    }

    private static Dictionary<string, int> ReadVocab(string path, JsonElement model)
    {
        if (TokenizerJson.Field(model, "vocab") is not { ValueKind: JsonValueKind.Object } vocabElement)
            throw new CheckpointException(path, "model.vocab", "missing or not an object");
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in vocabElement.EnumerateObject())
        {
            if (TokenizerJson.Int32(entry.Value) is not (>= 0 and var id))
                throw new CheckpointException(path, "model.vocab", $"token '{entry.Name}' has id {entry.Value}, not a non-negative integer");
            vocab[entry.Name] = id;
        }
        for (var b = 0; b < 256; b++)
        {
            var character = ByteLevelBpeByteMap.ByteToChar[b].ToString();
            if (!vocab.ContainsKey(character))
                throw new CheckpointException(path, "model.vocab", $"byte {b} ('{character}') has no token, so some inputs cannot be encoded");
        }
        return vocab;
    }

    /// <summary>
    /// The tokenizer keeps a table indexed by id, so an id far beyond the token count would make
    /// it allocate gigabytes; no real file numbers its tokens beyond its own size in bytes.
    /// </summary>
    private static void CheckIdsFitTheFile(string path, Dictionary<string, int> ids)
    {
        var fileBytes = new FileInfo(path).Length;
        var (token, id) = ids.MaxBy(pair => pair.Value);
        if (id >= fileBytes)
            throw new CheckpointException(path, "model.vocab", $"token '{token}' has id {id}, too large for a file of {fileBytes} bytes and {ids.Count} tokens");
    }

    /// <summary>Checks the pre-tokenizer is GPT-2's ByteLevel (with its regex) and returns add_prefix_space.</summary>
    private static bool ReadPreTokenizer(string path, JsonElement root)
    {
        if (TokenizerJson.Field(root, "pre_tokenizer") is not { } pre || TokenizerJson.Text(pre, "type") != "ByteLevel")
            throw new CheckpointException(path, "pre_tokenizer", "must be ByteLevel for a byte-level BPE tokenizer");
        if (TokenizerJson.Field(pre, "use_regex") is { ValueKind: JsonValueKind.False })
            throw new CheckpointException(path, "pre_tokenizer.use_regex", "false is not supported (GPT-2 splits with its regex)");
        return TokenizerJson.Field(pre, "add_prefix_space") is { ValueKind: JsonValueKind.True };
    }

    private static void CheckDecoder(string path, JsonElement root)
    {
        if (TokenizerJson.Field(root, "decoder") is { } decoder && TokenizerJson.Text(decoder, "type") != "ByteLevel")
            throw new CheckpointException(path, "decoder", $"type '{TokenizerJson.Field(decoder, "type")}' is not supported (expected ByteLevel)");
    }

    private static void RequireNullOrMissing(string path, JsonElement root, string field)
    {
        if (TokenizerJson.Field(root, field) is not null)
            throw new CheckpointException(path, field, "is set, which this byte-level BPE tokenizer does not support");
    }
}
