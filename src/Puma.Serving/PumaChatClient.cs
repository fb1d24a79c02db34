using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Puma.Models.Bundles;
using Puma.Models.Serving;

namespace Puma.Serving;

/// <summary>
/// Microsoft.Extensions.AI's <see cref="IChatClient"/> over a GPT-2 or LLaMA bundle served by
/// three parties, so .NET AI code switches to private inference unchanged. The prompt is the
/// text of the messages, one per line, tokenized here; the parties continue it greedily (the
/// secure argmax is greedy, so sampling options do not apply) for
/// <see cref="ChatOptions.MaxOutputTokens"/> tokens, or <see cref="DefaultMaxOutputTokens"/>.
/// Streaming gives one update per generated token as the parties reveal it to this client
/// (<see cref="ChatResponseUpdate.RawRepresentation"/> is its id), then a last update with the
/// finish reason and token counts. It owns the <see cref="PumaClient"/>: disposing it disposes the client.
/// </summary>
public sealed class PumaChatClient : IChatClient, IAsyncDisposable
{
    /// <summary>The same default as <c>puma client run --max-tokens</c>.</summary>
    public const int DefaultMaxOutputTokens = 32;

    private readonly PumaClient _client;
    private readonly ClientTokenizer _tokenizer;

    /// <exception cref="ArgumentException">The client's model does not generate text.</exception>
    /// <exception cref="FileNotFoundException">The client folder lacks the tokenizer.</exception>
    public PumaChatClient(PumaClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.Model.Family is not (ModelFamilies.Gpt2 or ModelFamilies.Llama))
            throw new ArgumentException($"A {client.Model.Family} model does not generate text; a chat client needs a gpt2 or llama bundle.", nameof(client));
        _client = client;
        _tokenizer = ClientTokenizer.Open(client.ModelFolder, client.Model);
        Metadata = new ChatClientMetadata("puma", null, client.Model.Family);
    }

    public ChatClientMetadata Metadata { get; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var promptIds = _tokenizer.Encode(string.Join('\n', messages.Select(message => message.Text)));
        if (promptIds.Length == 0) throw new ArgumentException("The messages hold no text to continue.", nameof(messages));
        var responseId = Guid.NewGuid().ToString("N");
        var text = _tokenizer.Continuing(promptIds);
        var generated = 0;
        await foreach (var id in _client.GenerateAsync(promptIds, options?.MaxOutputTokens ?? DefaultMaxOutputTokens, cancellationToken).ConfigureAwait(false))
        {
            generated++;
            yield return Update(responseId, text.Next(id), id);
        }
        var last = Update(responseId, text.Flush(), null);
        // Generation has no stop token: it ends at the requested count or the full context.
        last.FinishReason = ChatFinishReason.Length;
        last.Contents.Add(new UsageContent(new UsageDetails
        {
            InputTokenCount = promptIds.Length,
            OutputTokenCount = generated,
            TotalTokenCount = promptIds.Length + generated,
        }));
        yield return last;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(ChatClientMetadata)) return Metadata;
        if (serviceType == typeof(PumaClient)) return _client;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose() => _client.DisposeAsync().AsTask().GetAwaiter().GetResult();

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private ChatResponseUpdate Update(string responseId, string text, int? id) => new(ChatRole.Assistant, text.Length == 0 ? [] : [new TextContent(text)])
    {
        ResponseId = responseId,
        MessageId = responseId,
        ModelId = Metadata.DefaultModelId,
        RawRepresentation = id,
    };
}
