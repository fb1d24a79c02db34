using Puma.Models.Bundles;
using Puma.Models.Checkpoints;
using Puma.Models.Reference;
using Puma.Models.Serving;
using Puma.Simd;

namespace Puma.Models.Tests.Fuzz;

/// <summary>Party bundles: every mutation of a manifest or of the share file loads into a model, or is a <see cref="BundleException"/> naming the file.</summary>
public sealed class BundleFuzzTests : IDisposable
{
    private readonly TinyModels _models = new();
    private readonly LlamaTemporaryDirectory _directory = new();

    public void Dispose()
    {
        _models.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void MutatedManifestsLoadOrFailNamingTheFile()
    {
        var party = Share();
        ReaderFuzzer.Run<BundleException>(party, BundleLayout.ManifestFile, File.ReadAllBytes(Path.Combine(party, BundleLayout.ManifestFile)), FuzzMutator.Json, Load);
    }

    [Fact]
    public void MutatedShareFilesLoadOrFailNamingTheFile()
    {
        var party = Share();
        var valid = File.ReadAllBytes(Path.Combine(party, BundleLayout.ComponentFile));
        ReaderFuzzer.Run<BundleException>(party, BundleLayout.ComponentFile, valid, FuzzMutator.Binary, Load);
    }

    /// <summary>Party 1's folder of a tiny GPT-2's bundle (a seed and the explicit component).</summary>
    private string Share()
    {
        var weights = Gpt2Weights.Load(_models.WriteModel(_models.Gpt2ConfigJson(), TinyModels.Gpt2Tensors(seed: 5, TensorDType.F32)));
        var folder = Path.Combine(_directory.Path, "bundle");
        ModelBundles.WriteGpt2(folder, weights, new string('0', 64), [], FixedPoint.DefaultFractionalBits);
        var party = Path.Combine(folder, BundleLayout.PartyFolder(1));
        // The fuzzer rewrites the file in place: party 2's hard link must not see the mutations.
        File.Delete(Path.Combine(folder, BundleLayout.PartyFolder(2), BundleLayout.ComponentFile));
        return party;
    }

    private static void Load(string path)
    {
        using var model = PartyModel.Load(PartyBundle.Load(Path.GetDirectoryName(path)!, residentBytes: 0));
    }
}
