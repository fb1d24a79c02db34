using Puma.Models.Checkpoints;

namespace Puma.Models.Tokenizers;

public sealed partial class SentencePieceTokenizer
{
    /// <summary>
    /// Reads a Hugging Face LLaMA <c>tokenizer.json</c> (BPE with byte fallback and '▁' for
    /// spaces). Encoding matches the <c>tokenizers</c> library: added tokens are cut out of the
    /// text, each other segment gets its '▁' prefix, and pairs merge by rank in the merges list.
    /// </summary>
    /// <exception cref="CheckpointException">The file asks for something not implemented, or lacks the LLaMA layout (unk 0, BOS 1, bytes 3..258).</exception>
    public static SentencePieceTokenizer LoadHuggingFace(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var (pieces, scores, rules) = SentencePieceTokenizerJson.Read(path);
        if (MissingByteFallback(pieces) is { } problem) throw new CheckpointException(path, "model.vocab", problem);
        return new SentencePieceTokenizer(pieces, scores, rules);
    }
}
