using Microsoft.Extensions.AI;

namespace Puma.Serving;

/// <summary>
/// A <see cref="PumaClient"/> as a Microsoft.Extensions.AI client:
/// <code>
/// await using var chat = (await PumaClient.ConnectAsync(options)).AsChatClient();
/// await foreach (var update in chat.GetStreamingResponseAsync("Once upon a time")) Console.Write(update.Text);
/// </code>
/// The returned client owns the <see cref="PumaClient"/>.
/// </summary>
public static class PumaClientAIExtensions
{
    /// <summary>An <see cref="IChatClient"/> for a GPT-2 or LLaMA bundle (<see cref="PumaChatClient"/>).</summary>
    public static PumaChatClient AsChatClient(this PumaClient client) => new(client);

    /// <summary>An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> for a use-lite bundle (<see cref="PumaEmbeddingGenerator"/>).</summary>
    public static PumaEmbeddingGenerator AsEmbeddingGenerator(this PumaClient client) => new(client);
}
