using Puma.Models.Tokenizers;

namespace Puma.Models.Secure;

/// <summary>The client's plaintext side of token inputs and outputs: one-hot rows, and checks on ids.</summary>
internal static class ClientTokens
{
    /// <summary>Row i has a 1 at ids[i]: the integer (unscaled) one-hot the embedding product expects.</summary>
    public static ulong[] OneHot(ReadOnlySpan<int> ids, int vocab)
    {
        var rows = new ulong[ids.Length * vocab];
        for (var i = 0; i < ids.Length; i++) rows[i * vocab + ids[i]] = 1;
        return rows;
    }

    /// <summary>
    /// Row i has a 1 at ids[i] and another at vocab + types[i]: one product with the word
    /// embedding stacked over the token-type embedding adds both rows, in the rounds of one.
    /// </summary>
    public static ulong[] OneHotWithTypes(EncodedText text, int vocab, int typeVocab)
    {
        var width = vocab + typeVocab;
        var rows = new ulong[text.Ids.Length * width];
        for (var i = 0; i < text.Ids.Length; i++)
        {
            rows[i * width + text.Ids[i]] = 1;
            rows[i * width + vocab + text.TypeIds[i]] = 1;
        }
        return rows;
    }

    /// <summary>Throws unless every text has one type id per token, each below <paramref name="typeVocab"/>.</summary>
    public static void ValidateTypes(IReadOnlyList<EncodedText> texts, int typeVocab, string parameter)
    {
        for (var s = 0; s < texts.Count; s++)
        {
            var types = texts[s].TypeIds;
            if (types.Length != texts[s].Ids.Length) throw new ArgumentException($"Sequence {s} has {types.Length} type ids for {texts[s].Ids.Length} tokens.", parameter);
            for (var t = 0; t < types.Length; t++)
            {
                if ((uint)types[t] >= (uint)typeVocab) throw new ArgumentOutOfRangeException(parameter, $"Token type {types[t]} at position {t} of sequence {s} is outside 0..{typeVocab - 1}.");
            }
        }
    }

    /// <summary>The index of the single 1 in a revealed one-hot row.</summary>
    public static int TokenOf(ulong[] oneHot)
    {
        var token = Array.IndexOf(oneHot, 1UL);
        if (token < 0 || oneHot.Count(value => value != 0) != 1) throw new InvalidOperationException("The revealed argmax is not a one-hot row.");
        return token;
    }

    /// <summary>Throws unless every sequence has 1..<paramref name="maxLength"/> ids, each below <paramref name="vocab"/>.</summary>
    public static void Validate(IReadOnlyList<int[]> sequences, int vocab, int maxLength, string parameter)
    {
        ArgumentNullException.ThrowIfNull(sequences, parameter);
        for (var s = 0; s < sequences.Count; s++)
        {
            var ids = sequences[s] ?? throw new ArgumentNullException(parameter, $"Sequence {s} is null.");
            if (ids.Length == 0 || ids.Length > maxLength) throw new ArgumentException($"Sequence {s} has {ids.Length} tokens; the model takes 1..{maxLength}.", parameter);
            for (var t = 0; t < ids.Length; t++)
            {
                if ((uint)ids[t] >= (uint)vocab) throw new ArgumentOutOfRangeException(parameter, $"Token {ids[t]} at position {t} of sequence {s} is outside the vocabulary of {vocab}.");
            }
        }
    }
}
