using Microsoft.Extensions.AI;
using Puma.Models.Bundles;
using Puma.Models.Tests.UseLite;
using Puma.Models.UseLite;
using Puma.Simd;

namespace Puma.Serving.Tests;

/// <summary>
/// The .NET AI embedding generator over a USE-Lite bundle served by three parties: the texts are
/// tokenized from the client folder's vocabulary as the JavaScript runtime does, and the
/// embeddings follow the plaintext reference. Needs USE-Lite in the cache (installed on first
/// use) and ../shared; outside CI a machine without them skips.
/// </summary>
[Collection(UseLiteCollection.Name)]
public sealed class EmbeddingGeneratorTests(UseLiteFixture fixture) : IDisposable
{
    /// <summary>As for the embedded secure forward (docs/ACCURACY.md).</summary>
    private const double MinimumCosine = 0.999;

    private readonly string _bundle = Path.Combine(Directory.CreateTempSubdirectory("puma-use-lite-").FullName, "bundle");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_bundle)!, recursive: true);

    [SkippableFact]
    public async Task EmbeddingsThroughThePartyServersFollowTheReference()
    {
        var cases = fixture.Cases.Take(2).ToArray();
        var model = fixture.Model;
        ModelBundles.WriteUseLite(_bundle, model.Weights, new string('0', 64), [UseLitePackage.Install().VocabularyPath], FixedPoint.DefaultFractionalBits);
        await using var cluster = new LoopbackCluster(_bundle, receiveTimeout: TimeSpan.FromSeconds(120));
        using IEmbeddingGenerator<string, Embedding<float>> generator = (await PumaClient.ConnectAsync(cluster.ClientOptions)).AsEmbeddingGenerator();

        var embeddings = await generator.GenerateAsync(cases.Select(item => item.Text));

        Assert.Equal(cases.Length, embeddings.Count);
        for (var i = 0; i < cases.Length; i++)
        {
            var secure = embeddings[i].Vector.ToArray().Select(value => (double)value).ToArray();
            Assert.InRange(UseLiteReference.Cosine(secure, UseLiteReference.Embed(model.Weights, cases[i].Ids)), MinimumCosine, 1.0000001);
            Assert.InRange(UseLiteReference.Cosine(secure, cases[i].Embedding), MinimumCosine, 1.0000001);
        }
        Assert.Equal(cases.Sum(item => item.Ids.Length), embeddings.Usage!.InputTokenCount);
        Assert.Equal(model.Weights.Width, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
    }
}
