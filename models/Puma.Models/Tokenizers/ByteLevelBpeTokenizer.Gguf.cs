using Puma.Models.Checkpoints;

namespace Puma.Models.Tokenizers;

public sealed partial class ByteLevelBpeTokenizer
{
    /// <summary>
    /// Reads the byte-level BPE vocabulary (<c>tokenizer.ggml.model</c> = "gpt2") of a GGUF file:
    /// tokens in GPT-2's byte-mapped spelling, <c>tokenizer.ggml.merges</c> as "left right"
    /// strings ranked by order, control and user-defined tokens as added tokens, and the regexes of
    /// the <c>tokenizer.ggml.pre</c> model (see <see cref="ByteLevelBpePreTokenizer.ForGgufName"/>).
    /// <see cref="Encode"/> adds no special tokens. Some vocabularies lack rare bytes (StarCoder's
    /// has no 0xF1); text needing one fails to encode, naming the character.
    /// </summary>
    /// <exception cref="CheckpointException">A key is missing or malformed, or the pre-tokenizer is another model's.</exception>
    public static ByteLevelBpeTokenizer LoadGguf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var vocabulary = GgufVocabulary.Read(path, "gpt2", "a 'llama' vocabulary loads with SentencePieceTokenizer.LoadGguf");
        var pre = vocabulary.Metadata.Contains("tokenizer.ggml.pre") ? vocabulary.Metadata.String("tokenizer.ggml.pre") : "(none)";
        var preTokenizer = ByteLevelBpePreTokenizer.ForGgufName(pre, out var ignoreMerges)
            ?? throw new CheckpointException(path, "tokenizer.ggml.pre", $"'{pre}' is not supported; implemented: {string.Join(", ", ByteLevelBpePreTokenizer.GgufNames)}");

        var vocab = new Dictionary<string, int>(vocabulary.Tokens.Length, StringComparer.Ordinal);
        for (var id = 0; id < vocabulary.Tokens.Length; id++) vocab.TryAdd(vocabulary.Tokens[id], id);
        var merges = new Dictionary<(int, int), (int, int)>();
        var lines = vocabulary.Metadata.Strings("tokenizer.ggml.merges");
        for (var rank = 0; rank < lines.Length; rank++)
        {
            if (lines[rank].Split(' ') is not [var left, var right]
                || !vocab.TryGetValue(left, out var leftId) || !vocab.TryGetValue(right, out var rightId) || !vocab.TryGetValue(left + right, out var mergedId))
                throw new CheckpointException(path, "tokenizer.ggml.merges", $"entry {rank} ('{lines[rank]}') is not a pair of tokens whose concatenation is a token");
            merges.TryAdd((leftId, rightId), (rank, mergedId));
        }

        // An empty control token would match between every two characters of the text.
        var added = vocabulary.VerbatimTokenIds
            .Where(id => vocabulary.Tokens[id].Length > 0)
            .Select(id => new ByteLevelBpeAddedToken(id, vocabulary.Tokens[id], Special: vocabulary.Types[id] != GgufTokenType.UserDefined))
            .ToList();
        return new ByteLevelBpeTokenizer(new ByteLevelBpeModel(vocab, merges, ignoreMerges), vocab, added, addPrefixSpace: false, TokenizerTemplate.SequenceOnly, preTokenizer);
    }
}
