using System.Text.Json.Nodes;
using Puma.Models.Bundles;
using Puma.Models.Checkpoints;
using Puma.Models.Reference;
using Puma.Models.Secure;
using Puma.Models.Tokenizers;
using Puma.Simd;

namespace Puma.Models.Tests.Bundles;

/// <summary>Party bundles: the shares they hold, what runs from them, and every way a bundle can be wrong.</summary>
public sealed class PartyBundleTests : IDisposable
{
    private const int F = FixedPoint.DefaultFractionalBits;
    private readonly TinyModels _models = new();
    private readonly string _out = Directory.CreateTempSubdirectory("puma-bundle-").FullName;

    public void Dispose()
    {
        _models.Dispose();
        Directory.Delete(_out, recursive: true);
    }

    /// <summary>Whatever the threads that regenerate the seed components.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ThePartiesComponentsAddUpToTheFoldedFixedPointWeightsAndAreReplicated(int threads)
    {
        var weights = TinyGpt2(41);
        var bundle = Share(weights);
        var recorder = new WeightRecorder(F);
        using var declared = SecureGpt2Weights.From(recorder, weights.Config, weights);
        var parties = Enumerable.Range(0, 3)
            .Select(party => PartyBundle.Load(Path.Combine(bundle.Folder, BundleLayout.PartyFolder(party)), residentBytes: 0, threads: threads))
            .ToArray();
        try
        {
            foreach (var tensor in recorder.Tensors)
            {
                var handles = parties.Select(party => party.Tensor(tensor.Name, tensor.Shape, () => throw new InvalidOperationException("no plaintext at a party"))).ToArray();
                using var held = new WeightGroup(handles).Open();
                var shares = handles.Select(handle => handle.Share).ToArray();
                var expected = new ulong[tensor.Length];
                FixedPoint.Encode(tensor.Values(), expected, tensor.FractionalBits);
                for (var i = 0; i < tensor.Length; i++)
                {
                    Assert.Equal(expected[i], shares[0].Own.Span[i] + shares[1].Own.Span[i] + shares[2].Own.Span[i]);
                    for (var party = 0; party < 3; party++) Assert.Equal(shares[party].Next.Span[i], shares[(party + 1) % 3].Own.Span[i]);
                }
            }
            foreach (var party in parties) party.Complete();
        }
        finally
        {
            foreach (var party in parties) party.Dispose();
        }
    }

    [Fact]
    public void GenerationFromBundlesGivesTheReferenceGreedyIds()
    {
        var weights = TinyGpt2(42);
        var bundle = Share(weights);
        int[] prompt = [4, 10, 1, 7, 7, 2];
        var reference = new Gpt2Reference(weights);
        var expected = new List<int>(prompt);
        for (var step = 0; step < 6; step++) expected.Add(ArgMax(reference.Logits([.. expected])[^TinyModels.Vocab..]));

        var secure = SecureGpt2.Generate(bundle, prompt, maxNewTokens: 6);

        Assert.Equal(expected.Skip(prompt.Length), secure.GeneratedIds);
        Assert.DoesNotContain(secure.Profile, entry => entry.Name == "share_weights");
    }

    [Fact]
    public void ClassifierLogitsFromBundlesMatchTheReference()
    {
        var weights = BertWeights.Load(_models.WriteModel(_models.BertConfigJson(), TinyModels.BertTensors(43, TensorDType.F32)));
        var bundle = ShareBundle.Open(Write(folder => ModelBundles.WriteBert(folder, weights, new string('0', 64), [], F)));
        EncodedText[] texts = [new([1, 5, 22, 0, 7, 3, 3, 9], [0, 0, 0, 0, 1, 1, 1, 1]), EncodedText.SingleSegment([4])];

        var secure = SecureBert.ClassifyLogits(bundle, texts);

        var reference = new BertReference(weights);
        for (var t = 0; t < texts.Length; t++)
        {
            var expected = reference.Classify(texts[t].Ids, texts[t].TypeIds);
            for (var label = 0; label < expected.Length; label++) Assert.InRange(secure.Rows[t][label], expected[label] - 0.04, expected[label] + 0.04);
        }
    }

    [Fact]
    public void EachSharingDrawsFreshSeedsAndOnlyParty0HoldsNoExplicitComponent()
    {
        var weights = TinyGpt2(44);
        var first = Share(weights);
        var second = Share(weights);
        Assert.NotEqual(first.Manifest.BundleId, second.Manifest.BundleId);
        Assert.NotEqual(File.ReadAllBytes(PartyFile(first, 0, BundleLayout.SeedsFile)), File.ReadAllBytes(PartyFile(second, 0, BundleLayout.SeedsFile)));
        Assert.NotEqual(File.ReadAllBytes(PartyFile(first, 1, BundleLayout.ComponentFile)), File.ReadAllBytes(PartyFile(second, 1, BundleLayout.ComponentFile)));
        Assert.False(File.Exists(PartyFile(first, 0, BundleLayout.ComponentFile)));
        var parameters = first.Manifest.Tensors.Sum(tensor => (long)tensor.Length);
        Assert.InRange(new FileInfo(PartyFile(first, 1, BundleLayout.ComponentFile)).Length, 8 * parameters, 8 * (parameters + 8L * first.Manifest.Tensors.Count));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PartyFile(first, 2, BundleLayout.SeedsFile)));
    }

    [Fact]
    public void ACorruptedComponentFileIsRefusedAtLoadNamingIt()
    {
        var bundle = Share(TinyGpt2(45));
        var path = PartyFile(bundle, 2, BundleLayout.ComponentFile);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x10;
        File.Delete(path);
        File.WriteAllBytes(path, bytes);

        var failure = Assert.Throws<BundleException>(() => bundle.LoadParty(2).Dispose());

        Assert.Contains(path, failure.Message);
        Assert.Contains("corrupted", failure.Message);
        bundle.LoadParty(1).Dispose();
    }

    [Fact]
    public void ATruncatedComponentFileIsRefusedAtLoadNamingIt()
    {
        var bundle = Share(TinyGpt2(46));
        var path = PartyFile(bundle, 1, BundleLayout.ComponentFile);
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        File.WriteAllBytes(path, bytes[..^100]);

        var failure = Assert.Throws<BundleException>(() => bundle.LoadParty(1).Dispose());

        Assert.Contains(path, failure.Message);
        Assert.Contains("truncated", failure.Message);
    }

    [Fact]
    public void AMissingOrMalformedManifestIsRefusedNamingIt()
    {
        var bundle = Share(TinyGpt2(47));
        var manifest = PartyFile(bundle, 0, BundleLayout.ManifestFile);
        File.WriteAllText(manifest, "{ not json");
        Assert.Contains(manifest, Assert.Throws<BundleException>(() => bundle.LoadParty(0)).Message);
        File.Delete(manifest);
        Assert.Contains("missing", Assert.Throws<BundleException>(() => ShareBundle.Open(bundle.Folder)).Message);
    }

    [Fact]
    public void ATensorTableThatDoesNotFitTheModelIsRefusedNamingTheTensor()
    {
        var weights = TinyGpt2(48);
        var bundle = Share(weights);
        var path = PartyFile(bundle, 1, BundleLayout.ManifestFile);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["tensors"]![1]!["shape"] = new JsonArray(TinyModels.Width, TinyModels.Positions);
        File.WriteAllText(path, json.ToJsonString());

        var failure = Assert.Throws<BundleException>(() => SecureGpt2.Generate(bundle, [1, 2], maxNewTokens: 1));

        Assert.Contains("'wpe'", failure.Message);
        Assert.Contains(path, failure.Message);
    }

    [Fact]
    public void PartyFoldersOfDifferentSharingsAreRefused()
    {
        var weights = TinyGpt2(49);
        var first = Share(weights);
        var second = Share(weights);
        var party2 = Path.Combine(first.Folder, BundleLayout.PartyFolder(2));
        Directory.Delete(party2, recursive: true);
        Directory.CreateDirectory(party2);
        foreach (var file in Directory.GetFiles(Path.Combine(second.Folder, BundleLayout.PartyFolder(2)))) File.Copy(file, Path.Combine(party2, Path.GetFileName(file)));

        var failure = Assert.Throws<BundleException>(() => ShareBundle.Open(first.Folder));

        Assert.Contains("different sharings", failure.Message);
    }

    [Fact]
    public void SharingIntoAFolderThatIsNotEmptyIsRefused()
    {
        var weights = TinyGpt2(50);
        var folder = Path.Combine(_out, "taken");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "keep.txt"), "mine");

        Assert.Throws<BundleException>(() => ModelBundles.WriteGpt2(folder, weights, new string('0', 64), [], F));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(folder, "keep.txt")));
    }

    private Gpt2Weights TinyGpt2(int seed) => Gpt2Weights.Load(_models.WriteModel(_models.Gpt2ConfigJson(), TinyModels.Gpt2Tensors(seed, TensorDType.F32)));

    private ShareBundle Share(Gpt2Weights weights) => ShareBundle.Open(Write(folder => ModelBundles.WriteGpt2(folder, weights, new string('0', 64), [], F)));

    private string Write(Action<string> write)
    {
        var folder = Path.Combine(_out, Guid.NewGuid().ToString("N"));
        write(folder);
        return folder;
    }

    private static string PartyFile(ShareBundle bundle, int party, string name) => Path.Combine(bundle.Folder, BundleLayout.PartyFolder(party), name);

    private static int ArgMax(double[] values) => Array.IndexOf(values, values.Max());
}
