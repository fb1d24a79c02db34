using System.Text.Json.Nodes;
using Puma.Models.Bundles;
using Puma.Models.Serving;
using Puma.Models.Tests;

namespace Puma.Serving.Tests;

/// <summary>A use-lite manifest's public config is checked where it is read, since a manifest on disk may be edited.</summary>
public sealed class UseLiteConfigTests : IDisposable
{
    private readonly TinyModels _models = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("puma-use-lite-config-").FullName;

    public void Dispose()
    {
        _models.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void AUseLiteConfigWhoseTimingSignalDoesNotFitIsRefusedNamingTheManifest()
    {
        var bundle = Path.Combine(_folder, "bundle");
        ByteLevelGpt2.Share(_models, ByteLevelGpt2.ClearSeed, bundle);
        var clientFolder = Path.Combine(bundle, BundleLayout.ClientFolder);
        var manifest = Path.Combine(clientFolder, BundleLayout.ManifestFile);
        var json = JsonNode.Parse(File.ReadAllText(manifest))!;
        json["family"] = ModelFamilies.UseLite;
        json["config"] = JsonNode.Parse("""
            {"shape": {"vocabularyRows": 256, "embeddingWidth": 4, "width": 8, "hiddenWidth": 12, "heads": 2, "layerInputWidths": [4, 8], "normEpsilon": 1e-6},
             "maxTokens": 8, "inverseTimescales": [1], "l2Epsilon": 1e-12}
            """);
        File.WriteAllText(manifest, json.ToJsonString());

        var refused = Assert.Throws<BundleException>(() => ClientModel.Open(clientFolder));

        Assert.Contains(manifest, refused.Message);
        Assert.Contains("1 inverse timescales do not make a timing signal 4 wide", refused.Message);
    }
}
