using System.Text.RegularExpressions;

namespace Puma.Models.Tokenizers;

/// <summary>
/// Splits text into the words that byte-level BPE merges within: each regex in turn splits every
/// piece the previous one left into its matches and the text between them (HF's Split with
/// "Isolated" behaviour, llama.cpp's <c>unicode_regex_split</c>). The regexes are each model's
/// own, as its tokenizer.json declares them; .NET's <c>\p{L}</c> and <c>\p{N}</c> see UTF-16
/// code units, so letters and digits outside the Basic Multilingual Plane split as symbols.
/// </summary>
internal sealed class ByteLevelBpePreTokenizer
{
    private const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    private readonly Regex[] _rules;

    private ByteLevelBpePreTokenizer(params string[] patterns) =>
        _rules = [.. patterns.Select(pattern => new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled))];

    /// <summary>GPT-2's regex: contractions, letter runs, digit runs, other runs, whitespace.</summary>
    public static ByteLevelBpePreTokenizer Gpt2 { get; } = new(Gpt2Pattern);

    /// <summary>The <c>tokenizer.ggml.pre</c> names <see cref="ForGgufName"/> implements.</summary>
    public static IReadOnlyList<string> GgufNames { get; } =
        ["gpt-2", "phi-2", "mpt", "olmo", "starcoder", "refact", "command-r", "deepseek-coder", "falcon", "llama-bpe", "llama3", "llama-v3", "qwen2", "qwen35"];

    /// <summary>
    /// The pre-tokenizer of a GGUF <c>tokenizer.ggml.pre</c> name, or null when it is not
    /// implemented. <paramref name="ignoreMerges"/> says whether a word that is itself a token
    /// is kept whole (HF <c>ignore_merges</c>, set by LLaMA-3's tokenizer).
    /// </summary>
    public static ByteLevelBpePreTokenizer? ForGgufName(string name, out bool ignoreMerges)
    {
        ignoreMerges = name is "llama-bpe" or "llama3" or "llama-v3";
        return name switch
        {
            "gpt-2" or "phi-2" or "mpt" or "olmo" => Gpt2,
            "starcoder" or "refact" or "command-r" => new(@"\p{N}", Gpt2Pattern),
            "deepseek-coder" => new(@"[\r\n]", @"\s?\p{L}+", @"\s?\p{P}+", "[\u4E00-\u9FA5\u0800-\u4E00\uAC00-\uD7FF]+", @"\p{N}"),
            "falcon" => new(@"[\p{P}\$\+<=>\^~\|`]+", Gpt2Pattern, "[0-9][0-9][0-9]"),
            "llama-bpe" or "llama3" or "llama-v3" => new(@"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"),
            "qwen2" => new(@"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"),
            "qwen35" => new(@"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?[\p{L}\p{M}]+|\p{N}| ?[^\s\p{L}\p{M}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"),
            _ => null,
        };
    }

    /// <summary>The words of <paramref name="text"/>, in order; together they are the whole text.</summary>
    public List<string> Split(string text)
    {
        List<string> pieces = [text];
        foreach (var rule in _rules)
        {
            var next = new List<string>(pieces.Count * 2);
            foreach (var piece in pieces)
            {
                var position = 0;
                for (var match = rule.Match(piece); match.Success; match = match.NextMatch())
                {
                    if (match.Length == 0) continue;
                    if (match.Index > position) next.Add(piece[position..match.Index]);
                    next.Add(match.Value);
                    position = match.Index + match.Length;
                }
                if (position < piece.Length) next.Add(piece[position..]);
            }
            pieces = next;
        }
        return pieces;
    }
}
