using System.Text.RegularExpressions;

namespace Puma.Models.Tokenizers;

/// <summary>
/// BERT's WordPiece tokenizer as a Hugging Face tokenizer.json declares it: added tokens are cut
/// out of the raw text first (longest match; those marked normalized are also matched in the
/// normalized text), each other piece goes through the <see cref="BertNormalizer"/>, the
/// <see cref="BertPreTokenizer"/> and the <see cref="WordPieceModel"/>; <see cref="EncodeWithTypes"/>
/// then applies the file's truncation and template (<c>[CLS] $A [SEP]</c>, with type ids).
/// Matches the ids of Hugging Face's tokenizers on bert-base-uncased.
/// </summary>
public sealed class WordPieceTokenizer : ITypedTokenizer
{
    private readonly WordPieceModel _model;
    private readonly BertNormalizer? _normalizer;
    private readonly Dictionary<string, int> _ids;
    private readonly string?[] _tokens;
    private readonly Regex? _rawAdded, _normalizedAdded;
    private readonly TokenizerTemplate _template;

    internal WordPieceTokenizer(WordPieceModel model, BertNormalizer? normalizer, Dictionary<string, int> ids,
        IReadOnlyList<string> rawAdded, IReadOnlyList<string> normalizedAdded, TokenizerTemplate template)
    {
        _model = model;
        _normalizer = normalizer;
        _ids = ids;
        _template = template;
        _rawAdded = Alternatives(rawAdded);
        _normalizedAdded = Alternatives(normalizedAdded);
        VocabSize = ids.Values.Max() + 1;
        _tokens = new string?[VocabSize];
        foreach (var (text, id) in ids) _tokens[id] ??= text;
    }

    /// <summary>One more than the largest id (vocabulary plus added tokens).</summary>
    public int VocabSize { get; }

    /// <exception cref="Checkpoints.CheckpointException">The file is not a WordPiece tokenizer.json this reader supports.</exception>
    public static WordPieceTokenizer Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return WordPieceTokenizerJson.Load(path);
    }

    /// <summary>The vocabulary string of <paramref name="id"/> (e.g. "##ing", "[CLS]").</summary>
    public string TokenText(int id) =>
        (uint)id < (uint)_tokens.Length && _tokens[id] is { } text ? text : throw new ArgumentOutOfRangeException(nameof(id), id, "no such token");

    /// <summary>The WordPiece ids of <paramref name="text"/>, added tokens recognized, without truncation or template.</summary>
    public int[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>();
        var words = new List<string>();
        foreach (var (raw, isAdded) in Sections(_rawAdded, text))
        {
            if (isAdded)
            {
                ids.Add(_ids[raw]);
                continue;
            }
            foreach (var (normalized, isNormalizedAdded) in Sections(_normalizedAdded, _normalizer?.Normalize(raw) ?? raw))
            {
                if (isNormalizedAdded)
                {
                    ids.Add(_ids[normalized]);
                    continue;
                }
                words.Clear();
                BertPreTokenizer.Split(normalized, words);
                foreach (var word in words) _model.Encode(word, ids);
            }
        }
        return [.. ids];
    }

    /// <summary>What HF's <c>tokenizer.encode(text).ids</c> gives: truncated and wrapped by the template.</summary>
    public int[] Encode(string text) => EncodeWithTypes(text).Ids;

    /// <inheritdoc/>
    public EncodedText EncodeWithTypes(string text) => _template.Apply([.. Tokenize(text)]);

    /// <summary>The pieces of <paramref name="text"/> between and at matches of <paramref name="pattern"/>, empty ones left out.</summary>
    private static IEnumerable<(string Text, bool IsMatch)> Sections(Regex? pattern, string text)
    {
        var position = 0;
        for (var match = pattern?.Match(text); match is { Success: true }; match = match.NextMatch())
        {
            if (match.Index > position) yield return (text[position..match.Index], false);
            yield return (match.Value, true);
            position = match.Index + match.Length;
        }
        if (position < text.Length) yield return (text[position..], false);
    }

    private static Regex? Alternatives(IReadOnlyList<string> contents) => contents.Count == 0
        ? null
        : new Regex(string.Join('|', contents.OrderByDescending(content => content.Length).Select(Regex.Escape)), RegexOptions.CultureInvariant);
}
