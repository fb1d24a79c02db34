namespace Puma.Models.Tokenizers;

/// <summary>Where a SentencePiece tokenizer puts its dummy-prefix space (the leading '▁').</summary>
internal enum SentencePiecePrefix
{
    /// <summary>Before every non-empty text segment between added tokens (llama2.c, HF Prepend normalizer, llama.cpp).</summary>
    EverySegment,

    /// <summary>Only before a segment at the very start of the text (HF Metaspace prepend_scheme "first").</summary>
    FirstSegment,

    /// <summary>Never (HF Metaspace prepend_scheme "never", GGUF add_space_prefix false).</summary>
    None,
}

/// <summary>
/// How a <see cref="SentencePieceTokenizer"/> encodes, beyond its pieces: llama2.c and GGUF merge
/// by piece score, a Hugging Face tokenizer.json by merge rank; added tokens are cut out of the
/// text verbatim before anything else.
/// </summary>
/// <param name="RankedMerges">(left, right) → (rank, merged id), or null to merge by piece score.</param>
/// <param name="AddedTokenIds">Tokens matched verbatim in the input text (special tokens).</param>
/// <param name="Prefix">Where the dummy-prefix space goes.</param>
/// <param name="SplitWords">Merge within words only, a word starting at each space (HF Metaspace split=true).</param>
/// <param name="PrefixUnlessSpace">Skip the prefix when the segment already starts with a space (HF Metaspace).</param>
internal sealed record SentencePieceRules(
    Dictionary<(int Left, int Right), (int Rank, int Merged)>? RankedMerges,
    IReadOnlyList<int> AddedTokenIds,
    SentencePiecePrefix Prefix,
    bool SplitWords,
    bool PrefixUnlessSpace)
{
    /// <summary>llama2.c's encoder: score merges, one dummy prefix, no added tokens.</summary>
    public static SentencePieceRules Llama2c { get; } = new(null, [], SentencePiecePrefix.EverySegment, SplitWords: false, PrefixUnlessSpace: false);
}
