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
