using Puma.Models.Checkpoints;

namespace Puma.Models.Tokenizers;

public sealed partial class ByteLevelBpeTokenizer
{
    /// <summary>
    /// Reads the byte-level BPE vocabulary (<c>tokenizer.ggml.model</c> = "gpt2") of a GGUF file:
    /// tokens in GPT-2's byte-mapped spelling, <c>tokenizer.ggml.merges</c> as "left right"
    /// strings ranked by order, control and user-defined tokens as added tokens. Only GPT-2's own
    /// pre-tokenizer regex is implemented, so <c>tokenizer.ggml.pre</c> must be "gpt-2".
    /// <see cref="Encode"/> adds no special tokens.
    /// </summary>
    /// <exception cref="CheckpointException">A key is missing or malformed, or the pre-tokenizer is another model's.</exception>
    public static ByteLevelBpeTokenizer LoadGguf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var vocabulary = GgufVocabulary.Read(path, "gpt2", "a 'llama' vocabulary loads with SentencePieceTokenizer.LoadGguf");
        var pre = vocabulary.Metadata.Contains("tokenizer.ggml.pre") ? vocabulary.Metadata.String("tokenizer.ggml.pre") : "(none)";
        if (pre != "gpt-2")
            throw new CheckpointException(path, "tokenizer.ggml.pre", $"'{pre}' is not supported; only GPT-2's pre-tokenizer regex ('gpt-2') is implemented");

        var vocab = new Dictionary<string, int>(vocabulary.Tokens.Length, StringComparer.Ordinal);
        for (var id = 0; id < vocabulary.Tokens.Length; id++) vocab.TryAdd(vocabulary.Tokens[id], id);
        for (var b = 0; b < 256; b++)
        {
            if (!vocab.ContainsKey(ByteLevelBpeByteMap.ByteToChar[b].ToString()))
                throw new CheckpointException(path, "tokenizer.ggml.tokens", $"byte {b} has no token, so some inputs cannot be encoded");
        }

        var merges = new Dictionary<(int, int), (int, int)>();
        var lines = vocabulary.Metadata.Strings("tokenizer.ggml.merges");
        for (var rank = 0; rank < lines.Length; rank++)
        {
            if (lines[rank].Split(' ') is not [var left, var right]
                || !vocab.TryGetValue(left, out var leftId) || !vocab.TryGetValue(right, out var rightId) || !vocab.TryGetValue(left + right, out var mergedId))
                throw new CheckpointException(path, "tokenizer.ggml.merges", $"entry {rank} ('{lines[rank]}') is not a pair of tokens whose concatenation is a token");
            merges.TryAdd((leftId, rightId), (rank, mergedId));
        }

        var added = vocabulary.VerbatimTokenIds
            .Select(id => new ByteLevelBpeAddedToken(id, vocabulary.Tokens[id], Special: vocabulary.Types[id] != GgufTokenType.UserDefined))
            .ToList();
        return new ByteLevelBpeTokenizer(new ByteLevelBpeModel(vocab, merges), vocab, added, addPrefixSpace: false, new ByteLevelBpeTemplate([], [], null, false));
    }
}
