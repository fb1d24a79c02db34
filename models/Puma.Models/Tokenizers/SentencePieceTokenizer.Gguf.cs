using System.Text;
using Puma.Models.Checkpoints;

namespace Puma.Models.Tokenizers;

public sealed partial class SentencePieceTokenizer
{
    /// <summary>
    /// Reads the SentencePiece vocabulary (<c>tokenizer.ggml.model</c> = "llama") of a GGUF file,
    /// vocab-only or a full model. Encoding follows llama.cpp's SPM tokenizer: score merges with
    /// byte fallback, a dummy-prefix space unless <c>tokenizer.ggml.add_space_prefix</c> is false,
    /// and unknown/control/user-defined tokens matched verbatim in the text.
    /// </summary>
    /// <exception cref="CheckpointException">A key is missing or malformed, or the vocabulary does not have the LLaMA layout (unk 0, BOS 1, bytes 3..258).</exception>
    public static SentencePieceTokenizer LoadGguf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var vocabulary = GgufVocabulary.Read(path, "llama", "a 'gpt2' vocabulary loads with ByteLevelBpeTokenizer.LoadGguf");
        var scores = vocabulary.Metadata.Floats("tokenizer.ggml.scores");
        if (scores.Length != vocabulary.Tokens.Length)
            throw new CheckpointException(path, "tokenizer.ggml.scores", $"has {scores.Length} entries for {vocabulary.Tokens.Length} tokens");
        if (vocabulary.TokenId("tokenizer.ggml.bos_token_id") is { } bos && bos != BosId)
            throw new CheckpointException(path, "tokenizer.ggml.bos_token_id", $"is {bos}; only the LLaMA layout (BOS = {BosId}) is supported");

        byte[][] pieces = [.. vocabulary.Tokens.Select(token => Encoding.UTF8.GetBytes(token.Replace('▁', ' ')))];
        if (MissingByteFallback(pieces) is { } problem) throw new CheckpointException(path, "tokenizer.ggml.tokens", problem);
        var prefix = vocabulary.Metadata.OptionalBoolean("tokenizer.ggml.add_space_prefix") is false ? SentencePiecePrefix.None : SentencePiecePrefix.EverySegment;
        return new SentencePieceTokenizer(pieces, scores, new SentencePieceRules(null, [.. vocabulary.VerbatimTokenIds], prefix, SplitWords: false, PrefixUnlessSpace: false));
    }
}
