using Puma.Models.Bundles;
using Puma.Models.Tokenizers;
using Puma.Models.UseLite;

namespace Puma.Models.Serving;

/// <summary>
/// The tokenizer in a model's client folder, by family: the client tokenizes and detokenizes
/// locally; the parties never see text. GPT-2 reads tokenizer.json (byte-level BPE), BERT its
/// tokenizer.json (WordPiece or byte-level BPE, with type ids),
/// LLaMA tokenizer.json or a llama2.c tokenizer.bin / tok*.bin (SentencePiece), USE-Lite
/// vocab.json (unigram), its ids clipped to the model's maximum length as the model itself does.
/// </summary>
public sealed class ClientTokenizer
{
    private readonly ByteLevelBpeTokenizer? _byteLevel;
    private readonly SentencePieceTokenizer? _sentencePiece;
    private readonly UnigramTokenizer? _unigram;
    private readonly ITypedTokenizer? _typed;
    private readonly int _maxTokens;

    private ClientTokenizer(ByteLevelBpeTokenizer? byteLevel, SentencePieceTokenizer? sentencePiece, UnigramTokenizer? unigram, int maxTokens, ITypedTokenizer? typed = null)
    {
        _byteLevel = byteLevel;
        _sentencePiece = sentencePiece;
        _unigram = unigram;
        _maxTokens = maxTokens;
        _typed = typed;
    }

    /// <summary>The tokenizer of <paramref name="model"/>, from its client folder <paramref name="folder"/>.</summary>
    /// <exception cref="FileNotFoundException">The folder lacks the family's tokenizer file.</exception>
    public static ClientTokenizer Open(string folder, ClientModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        switch (model.Family)
        {
            case ModelFamilies.Llama:
                var llama2c = Directory.GetFiles(folder, "tok*.bin").Order(StringComparer.Ordinal).ToArray();
                return new(null, SentencePieceFiles.Load(SentencePieceFiles.Find(folder, null, llama2c)), null, 0);
            case ModelFamilies.UseLite:
                return new(null, null, UnigramTokenizer.Load(Required(folder, "vocab.json")), model.MaxInputTokens);
            case ModelFamilies.Bert:
                var path = Required(folder, "tokenizer.json");
                return new(null, null, null, 0, TokenizerJsonModels.Detect(path) == TokenizerJsonModel.WordPiece ? WordPieceTokenizer.Load(path) : ByteLevelBpeTokenizer.Load(path));
            default:
                return new(ByteLevelBpeTokenizer.Load(Required(folder, "tokenizer.json")), null, null, 0);
        }
    }

    /// <summary>A classifier's input (BERT): ids and type ids by the tokenizer's template, WordPiece or byte-level BPE.</summary>
    public EncodedText EncodeWithTypes(string text) => _typed?.EncodeWithTypes(text) ?? throw new InvalidOperationException("Only a classifier's tokenizer gives type ids.");

    public int[] Encode(string text)
    {
        if (_typed is not null) return _typed.EncodeWithTypes(text).Ids;
        if (_unigram is not null)
        {
            var ids = _unigram.Encode(text);
            return ids.Length > _maxTokens ? ids[.._maxTokens] : ids;
        }
        return _byteLevel?.Encode(text) ?? _sentencePiece!.Encode(text);
    }

    /// <summary>The text of generated <paramref name="ids"/> after the prompt's last id <paramref name="previous"/>.</summary>
    public string Decode(int[] ids, int previous) => _byteLevel?.Decode(ids)
        ?? _sentencePiece?.Decode(ids, previous)
        ?? throw new InvalidOperationException("A USE-Lite tokenizer does not decode: the model embeds text, it does not generate it.");

    /// <summary>A decoder for the tokens generated after <paramref name="promptIds"/>, giving their text as they arrive.</summary>
    public TokenTextDecoder Continuing(int[] promptIds)
    {
        if (_byteLevel is not null) return TokenTextDecoder.ByteLevel(_byteLevel);
        return TokenTextDecoder.SentencePiece(_sentencePiece ?? throw new InvalidOperationException("A USE-Lite tokenizer does not decode."), promptIds[^1]);
    }

    private static string Required(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"No {name} in the client folder '{folder}'; 'puma share' puts the model's tokenizer there.", path);
    }
}
