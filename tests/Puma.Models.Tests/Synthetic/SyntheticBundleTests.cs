using Puma.Models.Bundles;
using Puma.Models.Secure;
using Puma.Models.Synthetic;
using Puma.Simd;

namespace Puma.Models.Tests.Synthetic;

/// <summary>The bundles <c>puma bench model</c> runs from: exact published shapes, random weights, the real bundle format.</summary>
public sealed class SyntheticBundleTests : IDisposable
{
    private const int F = FixedPoint.DefaultFractionalBits;
    private readonly string _cache = Directory.CreateTempSubdirectory("puma-synthetic-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    /// <summary>Parameter counts of the published checkpoints (Hugging Face's counts; BERT with a two-label classifier head).</summary>
    [Theory]
    [InlineData("bert-base", 109_483_778L)]
    [InlineData("bert-large", 335_143_938L)]
    [InlineData("gpt2-base", 124_439_808L)]
    [InlineData("gpt2-medium", 354_823_168L)]
    [InlineData("gpt2-large", 774_030_080L)]
    [InlineData("llama-7b", 6_738_415_616L)]
    public void EveryShapeHasThePublishedModelsParameterCount(string name, long parameters)
        => Assert.Equal(parameters, SyntheticBundle.Parameters(ModelShape.Find(name)!, F));

    [Theory]
    [InlineData(ModelFamilies.Llama)]
    [InlineData(ModelFamilies.Bert)]
    [InlineData(ModelFamilies.Gpt2)]
    public void ThePartiesSharesAddUpToTheRandomWeights(string family)
    {
        var shape = TinyShapes.Of(family);
        var folder = SyntheticBundle.Ensure(_cache, shape, F);
        var bundle = ShareBundle.Open(folder);
        Assert.Equal(family, bundle.Family);
        var parties = Enumerable.Range(0, 3).Select(party => bundle.LoadParty(party)).ToArray();
        try
        {
            foreach (var tensor in bundle.Manifest.Tensors)
            {
                var handles = parties.Select(party => party.Tensor(tensor.Name, tensor.Shape, () => throw new InvalidOperationException("no plaintext at a party"), tensor.FractionalBits)).ToArray();
                using var held = new WeightGroup(handles).Open();
                var shares = handles.Select(handle => handle.Share).ToArray();
                var plain = new double[tensor.Length];
                RandomWeights.For(new RecordedTensor(tensor.Name, tensor.Shape, tensor.Length, tensor.FractionalBits, () => []))(0, plain);
                var expected = new ulong[tensor.Length];
                FixedPoint.Encode(plain, expected, tensor.FractionalBits);
                for (var i = 0; i < tensor.Length; i++)
                    Assert.Equal(expected[i], shares[0].Own.Span[i] + shares[1].Own.Span[i] + shares[2].Own.Span[i]);
            }
            foreach (var party in parties) party.Complete();
        }
        finally
        {
            foreach (var party in parties) party.Dispose();
        }
    }

    [Fact]
    public void ASecondRequestReusesTheCachedBundleWhoseFolderNamesItsVersions()
    {
        var shape = TinyShapes.Of(ModelFamilies.Gpt2);
        var first = SyntheticBundle.Ensure(_cache, shape, F);
        var id = ShareBundle.Open(first).Manifest.BundleId;

        var second = SyntheticBundle.Ensure(_cache, shape, F);

        Assert.Equal(first, second);
        Assert.Equal(id, ShareBundle.Open(second).Manifest.BundleId);
        Assert.Contains($"bundle{BundleLayout.FormatVersion}", Path.GetFileName(first), StringComparison.Ordinal);
        Assert.Single(Directory.EnumerateDirectories(_cache));
    }

    [Fact]
    public void RandomWeightsAreReproducibleInAnyChunkingWithInitialisationStatistics()
    {
        var tensor = new RecordedTensor("h.0.mlp.c_fc.weight", [300, 400], 120_000, F, () => []);
        var whole = new double[tensor.Length];
        RandomWeights.For(tensor)(0, whole);
        var pieces = new double[tensor.Length];
        var read = RandomWeights.For(tensor);
        for (var start = 0; start < pieces.Length; start += 7_001) read(start, pieces.AsSpan(start, Math.Min(7_001, pieces.Length - start)));

        Assert.Equal(whole, pieces);
        var mean = whole.Average();
        var deviation = Math.Sqrt(whole.Select(w => (w - mean) * (w - mean)).Average());
        Assert.InRange(mean, -0.001, 0.001);
        Assert.InRange(deviation, 0.019, 0.021);
        var other = new double[tensor.Length];
        RandomWeights.For(tensor with { Name = "h.1.mlp.c_fc.weight" })(0, other);
        Assert.NotEqual(whole, other);
    }

    [Theory]
    [InlineData("h.3.ln_1.gamma", 1.0)]
    [InlineData("layers.2.ffn_norm", 1.0)]
    [InlineData("norm", 1.0)]
    public void NormalisationGainsStartAtOne(string name, double gain)
    {
        var values = new double[64];
        RandomWeights.For(new RecordedTensor(name, [64], 64, F, () => []))(0, values);
        Assert.All(values, value => Assert.Equal(gain, value));
    }
}
