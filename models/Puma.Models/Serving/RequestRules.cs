namespace Puma.Models.Serving;

/// <summary>The checks every party makes on a request before running it, so a malformed request fails at once on all three, the same way.</summary>
internal static class RequestRules
{
    public static void CheckLengths(ModelRequest request, int context)
    {
        if (request.Lengths.Length == 0) throw new InvalidDataException("The request has no input.");
        foreach (var length in request.Lengths)
            if (length < 1 || length > context) throw new InvalidDataException($"An input of {length} tokens does not fit the model's context of {context}.");
    }

    public static void CheckGeneration(ModelRequest request, int allowed)
    {
        if (request.Lengths.Length != 1) throw new InvalidDataException("A generation has exactly one prompt.");
        if (request.NewTokens < 1 || request.NewTokens > allowed) throw new InvalidDataException($"{request.NewTokens} new tokens; the context allows {allowed}.");
    }

    public static InvalidDataException Unsupported(ModelRequest request, string family)
        => new($"A {family} model cannot serve a '{request.Kind}' request.");
}
