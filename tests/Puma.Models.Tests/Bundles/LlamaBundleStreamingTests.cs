using Puma.Models.Bundles;
using Puma.Models.Llama2c;
using Puma.Models.Reference;
using Puma.Models.Secure;
using Puma.Protocols.Runtime;
using Puma.Simd;

namespace Puma.Models.Tests.Bundles;

/// <summary>LLaMA streamed from party bundles a layer at a time: the same ids as the dealt model and the plaintext, and one group of seed components in memory at a time.</summary>
public sealed class LlamaBundleStreamingTests : IDisposable
{
    /// <summary>Wider than <see cref="Llama2cWriter.Small"/> so that a layer's tensors span several pages of the mapped file.</summary>
    private static readonly Llama2cHeader Header = new(Dim: 64, HiddenDim: 96, Layers: 2, Heads: 4, KvHeads: 2, Vocab: 48, SeqLen: 16);

    private static readonly int[] Prompt = [1, 7, 30, 2, 45];

    private const int NewTokens = 5;

    private readonly LlamaTemporaryFile _file = new(Llama2cWriter.Bytes(Header, Llama2cWriter.RandomFloats(Header, seed: 24)));
    private readonly Llama2cCheckpoint _checkpoint;
    private readonly string _folder = Path.Combine(Directory.CreateTempSubdirectory("puma-llama-bundle-").FullName, "bundle");
    private readonly ShareBundle _bundle;

    public LlamaBundleStreamingTests()
    {
        _checkpoint = Llama2cCheckpoint.Open(_file.Path);
        ModelBundles.WriteLlama(_folder, _checkpoint, new string('0', 64), [], FixedPoint.DefaultFractionalBits);
        _bundle = ShareBundle.Open(_folder);
    }

    public void Dispose()
    {
        _checkpoint.Dispose();
        _file.Dispose();
        Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);
    }

    [Fact]
    public void BundleGenerationGivesTheDealtAndThePlaintextIds()
    {
        var expected = LlamaGreedy.Generate(_checkpoint, Prompt, NewTokens);

        var streamed = SecureLlama.Generate(_bundle, Prompt, NewTokens);
        var dealt = SecureLlama.Generate(_checkpoint, Prompt, NewTokens);

        Assert.Equal(expected, streamed.GeneratedIds);
        Assert.Equal(dealt.GeneratedIds, streamed.GeneratedIds);
    }

    [Fact]
    public void ALayersSeedComponentsExistOnlyWhileItsScopeIsOpen()
    {
        for (var party = 0; party < 3; party++)
        {
            var bundle = _bundle.LoadParty(party, residentBytes: 0);
            using var weights = SecureLlamaWeights.From(bundle, _checkpoint.Config, null);
            var seedComponents = BundleLayout.SeedComponents(party).Length;
            Assert.Equal(0, bundle.MaterialisedBytes);

            using (weights.Layers[1].Open())
            {
                Assert.Equal(weights.Layers[1].Length * sizeof(ulong) * seedComponents, bundle.MaterialisedBytes);
                Assert.Equal(weights.Layers[1].Tensors[0].Length, weights.Layers[1].Tensors[0].Share.Length);
            }

            Assert.Equal(0, bundle.MaterialisedBytes);
            Assert.Throws<InvalidOperationException>(() => weights.Layers[1].Tensors[0].Share);
        }
    }

    [Fact]
    public void AGenerationFromABundleHoldsOneGroupOfSeedComponentsAtATime()
    {
        var config = _checkpoint.Config;
        var (parties, client) = ThreePartyRunner.Run(
            context =>
            {
                var bundle = _bundle.LoadParty(context.Id, residentBytes: 0);
                using var weights = SecureLlamaWeights.From(bundle, config, null);
                SecureLlama.Party(context, weights, Prompt.Length, NewTokens);
                var largestGroup = weights.Layers.Append(weights.Embedding).Append(weights.Head).Max(group => group.Length);
                return (bundle.PeakMaterialisedBytes, bundle.MaterialisedBytes, Bound: largestGroup * sizeof(ulong) * BundleLayout.SeedComponents(context.Id).Length);
            },
            outside => GreedyGeneration.Client(outside, config.VocabSize, Prompt, NewTokens, onToken: null));

        Assert.Equal(LlamaGreedy.Generate(_checkpoint, Prompt, NewTokens), client.Ids);
        foreach (var (peak, live, bound) in parties)
        {
            Assert.InRange(peak, 1, bound);
            Assert.Equal(0, live);
        }
    }

    [SkippableFact]
    public void TheKernelTakesTheReadAheadAdviceForEveryTensorOfTheMappedFile()
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "madvise read-ahead is for Linux and macOS");
        for (var party = 0; party < 3; party++)
        {
            using var bundle = _bundle.LoadParty(party, residentBytes: 0);
            foreach (var tensor in bundle.Manifest.Tensors) Assert.Equal(party != 0, bundle.Prefetch(tensor));
        }
    }
}
