using Microsoft.Extensions.AI;
using Puma.Models.Bundles;
using Puma.Models.Serving;

namespace Puma.Serving;

/// <summary>
/// Microsoft.Extensions.AI's <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over a
/// use-lite bundle served by three parties: each text is tokenized here and its USE-Lite
/// embedding (L2-normalised, as float) is reconstructed by this client alone. It owns the
/// <see cref="PumaClient"/>: disposing it disposes the client.
/// </summary>
public sealed class PumaEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>, IAsyncDisposable
{
    private readonly PumaClient _client;
    private readonly ClientTokenizer _tokenizer;

    /// <exception cref="ArgumentException">The client's model is not USE-Lite.</exception>
    /// <exception cref="FileNotFoundException">The client folder lacks the vocabulary.</exception>
    public PumaEmbeddingGenerator(PumaClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.Model.Family != ModelFamilies.UseLite)
            throw new ArgumentException($"A {client.Model.Family} model does not embed sentences; an embedding generator needs a use-lite bundle.", nameof(client));
        _client = client;
        _tokenizer = ClientTokenizer.Open(client.ModelFolder, client.Model);
        Metadata = new EmbeddingGeneratorMetadata("puma", null, client.Model.Family, client.Model.EmbeddingWidth);
    }

    public EmbeddingGeneratorMetadata Metadata { get; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is { } dimensions && dimensions != Metadata.DefaultModelDimensions)
            throw new ArgumentException($"USE-Lite embeddings have {Metadata.DefaultModelDimensions} dimensions, not {dimensions}.", nameof(options));
        var texts = values.ToArray();
        var ids = texts.Select(_tokenizer.Encode).ToArray();
        var empty = Array.FindIndex(ids, text => text.Length == 0);
        if (empty >= 0) throw new ArgumentException($"Text {empty} ('{texts[empty]}') has no tokens.", nameof(values));
        if (ids.Length == 0) return [];
        var embeddings = await _client.EmbedAsync(ids, cancellationToken).ConfigureAwait(false);
        var created = DateTimeOffset.UtcNow;
        var tokens = ids.Sum(text => text.Length);
        return new GeneratedEmbeddings<Embedding<float>>(embeddings.Select(embedding =>
            new Embedding<float>(Array.ConvertAll(embedding, value => (float)value)) { ModelId = Metadata.DefaultModelId, CreatedAt = created }))
        {
            Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens },
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(EmbeddingGeneratorMetadata)) return Metadata;
        if (serviceType == typeof(PumaClient)) return _client;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose() => _client.DisposeAsync().AsTask().GetAwaiter().GetResult();

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
