using Microsoft.Extensions.AI;
using Puma.Serving;

namespace Puma.Examples.Chat;

/// <summary>
/// A .NET host that talks to three Puma party servers only through Microsoft.Extensions.AI:
/// <see cref="IChatClient"/> for a GPT-2 or LLaMA bundle, <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>
/// for a use-lite one. Past the two lines that connect, nothing here is Puma's, so code written
/// against those interfaces runs on private inference unchanged.
/// <code>Puma.Examples.Chat CLUSTER_JSON CLIENT_FOLDER [TEXT ...]</code>
/// </summary>
public static class ChatExample
{
    public const int MaxOutputTokens = 16;

    public static async Task<int> MainAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (args.Length < 2)
        {
            error.WriteLine("usage: Puma.Examples.Chat CLUSTER_JSON CLIENT_FOLDER [TEXT ...]  (cluster.json from 'puma certs', client/ from 'puma share')");
            return 2;
        }
        string[] texts = args.Length > 2 ? args[2..] : ["Once upon a time"];
        var client = await PumaClient.ConnectAsync(PumaClientOptions.FromClusterFile(args[0], args[1]), cancellationToken);
        if (client.Model.Family == "use-lite")
        {
            await using var generator = client.AsEmbeddingGenerator();
            await EmbedAsync(generator, texts, output, cancellationToken);
        }
        else
        {
            await using var chat = client.AsChatClient();
            await ChatAsync(chat, texts, output, cancellationToken);
        }
        return 0;
    }

    /// <summary>Streams the model's continuation of the texts, then the token counts.</summary>
    public static async Task ChatAsync(IChatClient chat, IReadOnlyList<string> texts, TextWriter output, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages = [.. texts.Select(text => new ChatMessage(ChatRole.User, text))];
        List<ChatResponseUpdate> updates = [];
        await foreach (var update in chat.GetStreamingResponseAsync(messages, new ChatOptions { MaxOutputTokens = MaxOutputTokens }, cancellationToken))
        {
            output.Write(update.Text);
            updates.Add(update);
        }
        var response = updates.ToChatResponse();
        output.WriteLine();
        output.WriteLine($"[{response.Usage?.InputTokenCount} prompt tokens, {response.Usage?.OutputTokenCount} generated, finish: {response.FinishReason}]");
    }

    /// <summary>Embeds the texts and prints the cosine of each to the first (the embeddings are unit vectors).</summary>
    public static async Task EmbedAsync(IEmbeddingGenerator<string, Embedding<float>> generator, IReadOnlyList<string> texts, TextWriter output, CancellationToken cancellationToken)
    {
        var embeddings = await generator.GenerateAsync(texts, cancellationToken: cancellationToken);
        var first = embeddings[0].Vector.Span;
        for (var i = 0; i < texts.Count; i++)
        {
            var vector = embeddings[i].Vector.Span;
            var cosine = 0.0;
            for (var d = 0; d < vector.Length; d++) cosine += first[d] * vector[d];
            output.WriteLine($"{texts[i]}: {vector.Length}-d, cosine to the first {cosine:F4}");
        }
    }
}
