using Puma.Models.Checkpoints;

namespace Puma.Models.Tokenizers;

/// <summary>
/// The <c>tokenizer.ggml.*</c> keys of a GGUF file that the tokenizers read: the token strings,
/// their types, and (per model) scores or merges. Lengths are checked against the token list so
/// that a mismatch names the key at fault.
/// </summary>
internal sealed class GgufVocabulary
{
    private GgufVocabulary(string path, GgufMetadata metadata, string model, string[] tokens, GgufTokenType[] types)
    {
        Path = path;
        Metadata = metadata;
        Model = model;
        Tokens = tokens;
        Types = types;
    }

    public string Path { get; }

    public GgufMetadata Metadata { get; }

    /// <summary><c>tokenizer.ggml.model</c>: "llama" (SentencePiece) or "gpt2" (byte-level BPE), among others.</summary>
    public string Model { get; }

    public string[] Tokens { get; }

    /// <summary>Each token's type; Normal for all when the file has no <c>tokenizer.ggml.token_type</c>.</summary>
    public GgufTokenType[] Types { get; }

    /// <summary>Tokens that llama.cpp matches verbatim in text before tokenizing (unknown, control, user-defined).</summary>
    public IEnumerable<int> VerbatimTokenIds =>
        Enumerable.Range(0, Tokens.Length).Where(id => Types[id] is GgufTokenType.Unknown or GgufTokenType.Control or GgufTokenType.UserDefined);

    /// <exception cref="CheckpointException">The file is not GGUF, lacks a key, or its model is not <paramref name="expectedModel"/>.</exception>
    public static GgufVocabulary Read(string path, string expectedModel, string otherLoader)
    {
        var metadata = GgufMetadata.Read(path);
        var model = metadata.String("tokenizer.ggml.model");
        if (model != expectedModel)
            throw new CheckpointException(path, "tokenizer.ggml.model", $"is '{model}'; this loader reads '{expectedModel}' vocabularies ({otherLoader})");
        var tokens = metadata.Strings("tokenizer.ggml.tokens");
        var types = Enumerable.Repeat(GgufTokenType.Normal, tokens.Length).ToArray();
        if (metadata.Contains("tokenizer.ggml.token_type"))
        {
            var declared = metadata.Integers("tokenizer.ggml.token_type");
            if (declared.Length != tokens.Length)
                throw new CheckpointException(path, "tokenizer.ggml.token_type", $"has {declared.Length} entries for {tokens.Length} tokens");
            types = [.. declared.Select(type => (GgufTokenType)type)];
        }
        return new GgufVocabulary(path, metadata, model, tokens, types);
    }

    /// <summary>The value of an optional token-id key, checked to be a token.</summary>
    public int? TokenId(string key)
    {
        if (Metadata.OptionalInteger(key) is not { } id) return null;
        return id >= 0 && id < Tokens.Length ? (int)id : throw new CheckpointException(Path, key, $"is {id}, outside the {Tokens.Length} tokens");
    }
}
