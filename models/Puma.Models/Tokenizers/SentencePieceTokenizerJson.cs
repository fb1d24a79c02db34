using System.Text;
using System.Text.Json;
using Puma.Models.Checkpoints;

namespace Puma.Models.Tokenizers;

/// <summary>
/// Reads a Hugging Face LLaMA tokenizer.json: model BPE with <c>byte_fallback</c>, merges ranked
/// by order, '▁' for spaces put in either by a normalizer (Prepend '▁' then Replace ' ' → '▁')
/// or by a Metaspace pre-tokenizer, added tokens matched verbatim, and an optional template that
/// puts BOS first. Anything else the file asks for is an error naming the field.
/// </summary>
internal static class SentencePieceTokenizerJson
{
    public static (byte[][] Pieces, float[] Scores, SentencePieceRules Rules) Read(string path)
    {
        using (var document = TokenizerJson.Parse(path))
        {
            var root = document.RootElement;
            foreach (var unsupported in new[] { "truncation", "padding" })
            {
                if (TokenizerJson.Field(root, unsupported) is not null) throw new CheckpointException(path, unsupported, "is set, which this tokenizer does not support");
            }
            var model = TokenizerJson.BpeModel(path, root, byteFallback: true);
            var tokens = ReadVocab(path, model);
            var added = ReadAddedTokens(path, root, tokens);
            var pieces = new byte[tokens.Count][];
            for (var id = 0; id < pieces.Length; id++)
                pieces[id] = tokens.TryGetValue(id, out var token) ? Encoding.UTF8.GetBytes(token.Replace('▁', ' ')) : throw new CheckpointException(path, "model.vocab", $"has no token with id {id}");

            var ids = tokens.GroupBy(pair => pair.Value, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Min(pair => pair.Key), StringComparer.Ordinal);
            var (merges, scores) = ReadMerges(path, model, ids, pieces.Length);
            var (prefix, split, unlessSpace) = ReadSpaceHandling(path, root);
            CheckTemplate(path, root, ids);
            return (pieces, scores, new SentencePieceRules(merges, added, prefix, split, unlessSpace));
        }
    }

    /// <summary>Id → token text ('▁' kept) for the model vocabulary.</summary>
    private static Dictionary<int, string> ReadVocab(string path, JsonElement model)
    {
        if (TokenizerJson.Field(model, "vocab") is not { ValueKind: JsonValueKind.Object } vocab)
            throw new CheckpointException(path, "model.vocab", "missing or not an object");
        var tokens = new Dictionary<int, string>();
        foreach (var entry in vocab.EnumerateObject())
        {
            if (TokenizerJson.Int32(entry.Value) is not (>= 0 and var id) || !tokens.TryAdd(id, entry.Name))
                throw new CheckpointException(path, "model.vocab", $"token '{entry.Name}' has id {entry.Value}, not a new non-negative integer");
        }
        return tokens;
    }

    /// <summary>Adds each added token to <paramref name="tokens"/> (checking it agrees with the vocabulary) and returns their ids.</summary>
    private static List<int> ReadAddedTokens(string path, JsonElement root, Dictionary<int, string> tokens)
    {
        var ids = new List<int>();
        foreach (var (id, content, _) in TokenizerJson.AddedTokens(path, root))
        {
            if (tokens.TryGetValue(id, out var existing) && existing != content)
                throw new CheckpointException(path, "added_tokens", $"'{content}' has id {id}, which the vocabulary gives to '{existing}'");
            tokens[id] = content;
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>
    /// Merges as id pairs with their rank ("a b" strings or ["a", "b"] pairs), and a score per
    /// token, minus the rank of the first merge that makes it (0 for tokens no merge makes).
    /// </summary>
    /// <summary>
    /// The ranked merges, and scores that make a score-ordered merger follow the ranks: a merged
    /// piece scores −(rank of its first merge) − 1, pieces no merge produces keep 0.
    /// </summary>
    private static (Dictionary<(int, int), (int, int)>, float[]) ReadMerges(string path, JsonElement model, Dictionary<string, int> ids, int count)
    {
        var merges = TokenizerJson.RankedMerges(path, model, ids);
        var scores = new float[count];
        foreach (var (rank, merged) in merges.Values)
        {
            if (scores[merged] == 0 || -rank - 1 > scores[merged]) scores[merged] = -rank - 1;
        }
        return (merges, scores);
    }

    /// <summary>Where '▁' comes from: the LLaMA-2 normalizer (Prepend + Replace) or a Metaspace pre-tokenizer.</summary>
    private static (SentencePiecePrefix Prefix, bool Split, bool UnlessSpace) ReadSpaceHandling(string path, JsonElement root)
    {
        var normalizer = TokenizerJson.Field(root, "normalizer");
        var pre = TokenizerJson.Field(root, "pre_tokenizer");
        if (normalizer is { } declared)
        {
            if (pre is not null) throw new CheckpointException(path, "pre_tokenizer", "is set next to a normalizer; expected one of the two");
            var steps = TokenizerJson.Text(declared, "type") == "Sequence" && TokenizerJson.Field(declared, "normalizers") is { ValueKind: JsonValueKind.Array } list
                ? list.EnumerateArray().ToArray()
                : [declared];
            var prepend = steps.Length == 2 && TokenizerJson.Text(steps[0], "type") == "Prepend" && TokenizerJson.Text(steps[0], "prepend") == "▁";
            var replace = steps.Length > 0 ? steps[^1] : declared; // an empty Sequence fails the length check below
            if (steps.Length != (prepend ? 2 : 1) || TokenizerJson.Text(replace, "type") != "Replace"
                || TokenizerJson.Field(replace, "pattern") is not { } pattern || TokenizerJson.Text(pattern, "String") != " " || TokenizerJson.Text(replace, "content") != "▁")
                throw new CheckpointException(path, "normalizer", "must be Replace ' ' → '▁', optionally after Prepend '▁' (LLaMA's)");
            return (prepend ? SentencePiecePrefix.EverySegment : SentencePiecePrefix.None, false, false);
        }
        if (pre is not { } metaspace || TokenizerJson.Text(metaspace, "type") != "Metaspace" || TokenizerJson.Text(metaspace, "replacement") != "▁")
            throw new CheckpointException(path, "pre_tokenizer", "must be Metaspace with replacement '▁' when there is no normalizer");
        var scheme = TokenizerJson.Field(metaspace, "prepend_scheme")?.ToString() ?? (TokenizerJson.Field(metaspace, "add_prefix_space") is { ValueKind: JsonValueKind.False } ? "never" : "always");
        var prefix = scheme switch
        {
            "always" => SentencePiecePrefix.EverySegment,
            "first" => SentencePiecePrefix.FirstSegment,
            "never" => SentencePiecePrefix.None,
            _ => throw new CheckpointException(path, "pre_tokenizer.prepend_scheme", $"'{scheme}' is not one of always, first, never"),
        };
        return (prefix, TokenizerJson.Field(metaspace, "split") is not { ValueKind: JsonValueKind.False }, true);
    }

    /// <summary>The single-sequence template may only put BOS (id 1) before the text, as LLaMA's does.</summary>
    private static void CheckTemplate(string path, JsonElement root, Dictionary<string, int> ids)
    {
        if (TokenizerJson.Field(root, "post_processor") is not { } post) return;
        if (TokenizerJson.Text(post, "type") != "TemplateProcessing" || TokenizerJson.Field(post, "single") is not { ValueKind: JsonValueKind.Array } single)
            throw new CheckpointException(path, "post_processor", "must be a TemplateProcessing with a single template");
        var items = single.EnumerateArray().Select(item => TokenizerJson.Field(item, "SpecialToken") is { } special ? TokenizerJson.Text(special, "id") : TokenizerJson.Field(item, "Sequence") is not null ? "$A" : null).ToArray();
        var bos = items is [var first, "$A"] && first is not null and not "$A" && ids.GetValueOrDefault(first, -1) == SentencePieceTokenizer.BosId;
        if (!bos && items is not ["$A"])
            throw new CheckpointException(path, "post_processor.single", $"template [{string.Join(", ", items)}] is not supported (expected BOS then the sequence)");
    }
}
