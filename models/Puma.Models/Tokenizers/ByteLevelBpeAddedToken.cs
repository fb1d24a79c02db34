namespace Puma.Models.Tokenizers;

/// <summary>
/// A tokenizer.json added token: matched verbatim in input text before pre-tokenization and
/// never split by BPE (e.g. <c>&lt;|endoftext|&gt;</c>, <c>&lt;cls&gt;</c>).
/// </summary>
public sealed record ByteLevelBpeAddedToken(int Id, string Content, bool Special);
