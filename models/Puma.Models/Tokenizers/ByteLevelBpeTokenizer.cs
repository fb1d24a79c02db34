using System.Text;
using System.Text.RegularExpressions;

namespace Puma.Models.Tokenizers;

/// <summary>
/// GPT-2-family byte-level BPE tokenizer, as declared by a Hugging Face tokenizer.json: added
/// tokens are split out first, the rest is split by the pre-tokenizer (GPT-2's regex for a
/// tokenizer.json; a GGUF file's names its model's), each piece is UTF-8 encoded,
/// byte-mapped and BPE-merged; <see cref="Encode"/> then applies the file's truncation and
/// template post-processor. Matches HF <c>tokenizers</c> ids exactly.
/// </summary>
public sealed partial class ByteLevelBpeTokenizer : ITypedTokenizer
{
    private readonly ByteLevelBpeModel _model;
    private readonly ByteLevelBpePreTokenizer _preTokenizer;
    private readonly string?[] _tokens;
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<int, ByteLevelBpeAddedToken> _added;
    private readonly Regex? _addedPattern;
    private readonly bool _addPrefixSpace;
    private readonly TokenizerTemplate _template;

    internal ByteLevelBpeTokenizer(ByteLevelBpeModel model, Dictionary<string, int> vocab, IReadOnlyList<ByteLevelBpeAddedToken> added,
        bool addPrefixSpace, TokenizerTemplate template, ByteLevelBpePreTokenizer preTokenizer)
    {
        _model = model;
        _preTokenizer = preTokenizer;
        _addPrefixSpace = addPrefixSpace;
        _template = template;
        _ids = new Dictionary<string, int>(vocab, StringComparer.Ordinal);
        _added = added.ToDictionary(token => token.Id);
        foreach (var token in added) _ids[token.Content] = token.Id;

        VocabSize = _ids.Values.Max() + 1;
        _tokens = new string?[VocabSize];
        foreach (var (text, id) in _ids) _tokens[id] = text;

        if (added.Count > 0)
            _addedPattern = new Regex(string.Join('|', added.Select(t => t.Content).OrderByDescending(c => c.Length).Select(Regex.Escape)), RegexOptions.CultureInvariant);
    }

    /// <summary>One more than the largest id (vocabulary plus added tokens).</summary>
    public int VocabSize { get; }

    /// <summary>The added tokens declared by the file.</summary>
    public IReadOnlyCollection<ByteLevelBpeAddedToken> AddedTokens => _added.Values;

    /// <summary>Special tokens the template puts around every <see cref="Encode"/> result.</summary>
    public int TemplateSpecialCount => _template.SpecialCount;

    public static ByteLevelBpeTokenizer Load(string path) => ByteLevelBpeTokenizerJson.Load(path);

    /// <summary>The id of a token string (byte-mapped, e.g. "Ġthe") or added token, if any.</summary>
    public int? TokenId(string token) => _ids.TryGetValue(token, out var id) ? id : null;

    /// <summary>The stored text of a token id (byte-mapped for BPE tokens).</summary>
    public string TokenText(int id) =>
        (uint)id < (uint)_tokens.Length && _tokens[id] is { } text ? text : throw new ArgumentOutOfRangeException(nameof(id), id, "no such token");

    /// <summary>BPE ids of <paramref name="text"/>, with added tokens recognized, no truncation or specials.</summary>
    public int[] Tokenize(string text)
    {
        var ids = new List<int>();
        var position = 0;
        if (_addedPattern is not null)
        {
            for (var match = _addedPattern.Match(text); match.Success; match = match.NextMatch())
            {
                TokenizeSegment(text[position..match.Index], ids);
                ids.Add(_ids[match.Value]);
                position = match.Index + match.Length;
            }
        }
        TokenizeSegment(text[position..], ids);
        return ids.ToArray();
    }

    /// <summary>What HF's <c>tokenizer.encode(text)</c> gives: truncated and wrapped by the template.</summary>
    public int[] Encode(string text) => EncodeWithTypes(text).Ids;

    /// <summary><see cref="Encode"/> with the template's type id of each token.</summary>
    public EncodedText EncodeWithTypes(string text) => _template.Apply([.. Tokenize(text)]);

    /// <summary>Text of <paramref name="ids"/>; invalid UTF-8 (a split character) becomes U+FFFD.</summary>
    public string Decode(ReadOnlySpan<int> ids, bool skipSpecialTokens = false)
    {
        var bytes = new List<byte>();
        foreach (var id in ids)
        {
            if (_added.TryGetValue(id, out var added))
            {
                if (!(skipSpecialTokens && added.Special)) bytes.AddRange(Encoding.UTF8.GetBytes(added.Content));
                continue;
            }
            foreach (var character in TokenText(id))
            {
                if (!ByteLevelBpeByteMap.CharToByte.TryGetValue(character, out var value))
                    throw new InvalidDataException($"token {id} holds '{character}', which is not a byte-level character");
                bytes.Add(value);
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private void TokenizeSegment(string segment, List<int> ids)
    {
        if (segment.Length == 0) return;
        if (_addPrefixSpace && segment[0] != ' ') segment = " " + segment;
        foreach (var word in _preTokenizer.Split(segment)) _model.Encode(ByteMapped(word), ids);
    }

    private static string ByteMapped(ReadOnlySpan<char> piece)
    {
        var utf8 = Encoding.UTF8.GetBytes(piece.ToArray());
        var mapped = new char[utf8.Length];
        for (var i = 0; i < utf8.Length; i++) mapped[i] = ByteLevelBpeByteMap.ByteToChar[utf8[i]];
        return new string(mapped);
    }
}
