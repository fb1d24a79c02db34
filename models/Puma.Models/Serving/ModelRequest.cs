using System.Text.Json;
using System.Text.Json.Serialization;

namespace Puma.Models.Serving;

/// <summary>What a client asks the parties to run.</summary>
public enum RequestKind
{
    /// <summary>Greedy generation: the client receives each chosen token (GPT-2, LLaMA).</summary>
    Generate,

    /// <summary>Class logits of each text (BERT).</summary>
    Classify,

    /// <summary>Every position's next-token logits of each window (GPT-2), for perplexity.</summary>
    Logits,

    /// <summary>The sentence embedding of each text (USE-Lite).</summary>
    Embed,
}

/// <summary>
/// The public part of a request, the only part the parties see: its kind, the token count of
/// each input and, for generation, how many tokens to generate. The tokens themselves reach the
/// parties only as shares.
/// </summary>
public sealed record ModelRequest(RequestKind Kind, int[] Lengths, int NewTokens)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <exception cref="InvalidDataException">Not a request.</exception>
    public static ModelRequest FromUtf8(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var request = JsonSerializer.Deserialize<ModelRequest>(utf8, Json);
            if (request?.Lengths is null) throw new InvalidDataException("The request has no input lengths.");
            return request;
        }
        catch (JsonException failure)
        {
            throw new InvalidDataException($"The request is not valid: {failure.Message}", failure);
        }
    }
}
