using Puma.Models.UseLite;
using Xunit.Abstractions;

namespace Puma.Models.Tests.UseLite;

/// <summary>The double-precision forward against the embeddings of the package's JavaScript runtime (TF.js, float32).</summary>
[Collection(UseLiteCollection.Name)]
public class UseLiteReferenceTests(UseLiteFixture fixture, ITestOutputHelper output)
{
    private const double MinimumCosine = 0.9999;

    [SkippableFact]
    public void EmbeddingsMatchTheJavaScriptRuntimeOnAllReferenceSentences()
    {
        Assert.Equal(60, fixture.Cases.Count);
        var embeddings = new double[fixture.Cases.Count][];
        Parallel.For(0, embeddings.Length, i => embeddings[i] = UseLiteReference.Embed(fixture.Model.Weights, fixture.Cases[i].Ids));
        var cosines = embeddings.Select((embedding, i) => UseLiteReference.Cosine(embedding, fixture.Cases[i].Embedding)).ToArray();
        var fingerprint = embeddings.Aggregate(0UL, (hash, embedding) => ReferenceFixtures.Fingerprint(hash, embedding));
        output.WriteLine($"cosine to TF.js: min {cosines.Min():F7}, mean {cosines.Average():F7}; fingerprint {fingerprint:x16} (equal on every ISA path)");
        Assert.All(cosines, cosine => Assert.InRange(cosine, MinimumCosine, 1.0000001));
    }

    [SkippableFact]
    public void EmbeddingsHaveUnitLengthAndParaphrasesAreCloser()
    {
        var age = fixture.Model.EmbedPlaintext("How old are you?");
        var paraphrase = fixture.Model.EmbedPlaintext("What is your age?");
        var unrelated = fixture.Model.EmbedPlaintext("Stock markets fell sharply today.");
        Assert.Equal(1.0, Math.Sqrt(age.Sum(value => value * value)), 9);
        Assert.True(UseLiteReference.Cosine(age, paraphrase) > UseLiteReference.Cosine(age, unrelated) + 0.3);
    }
}
