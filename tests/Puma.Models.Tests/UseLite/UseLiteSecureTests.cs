using Puma.Models.Secure;
using Puma.Models.UseLite;
using Xunit.Abstractions;

namespace Puma.Models.Tests.UseLite;

/// <summary>
/// The secure forward against the plaintext reference on two short sentences in one run (the
/// weights are dealt once). All 60 reference sentences: <c>puma embed</c> / the report.
/// </summary>
[Collection(UseLiteCollection.Name)]
public class UseLiteSecureTests(UseLiteFixture fixture, ITestOutputHelper output)
{
    /// <summary>Fixed-point error (f = 18) through two layers: LayerNorm, softmax and tanh per entry (docs/ACCURACY.md).</summary>
    private const double MinimumCosine = 0.999;

    [SkippableFact]
    public void SecureEmbeddingsMatchThePlaintextReference()
    {
        string[] texts = ["How old are you?", "What is your age?"];
        var ids = texts.Select(fixture.Model.Encode).ToArray();

        var run = SecureUseLite.Embed(fixture.Model.Weights, ids);

        Assert.Equal(texts.Length, run.Embeddings.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            var cosine = UseLiteReference.Cosine(run.Embeddings[i], UseLiteReference.Embed(fixture.Model.Weights, ids[i]));
            output.WriteLine($"{texts[i]}: cosine {cosine:F6}, {run.BytesSent[i]:N0} bytes, {run.Rounds[i]} rounds");
            Assert.InRange(cosine, MinimumCosine, 1.0000001);
            Assert.Equal(1.0, Math.Sqrt(run.Embeddings[i].Sum(value => value * value)), 2);
            Assert.True(run.BytesSent[i] > 0);
        }
        Assert.True(UseLiteReference.Cosine(run.Embeddings[0], run.Embeddings[1]) > 0.8);
    }
}
