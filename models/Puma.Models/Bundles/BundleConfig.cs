using System.Text.Json;

namespace Puma.Models.Bundles;

/// <summary>A manifest's family config, read back into the family's config record.</summary>
internal readonly record struct BundleConfig(BundleManifest Manifest, string Folder)
{
    public TConfig Read<TConfig>()
    {
        var path = Path.Combine(Folder, BundleLayout.ManifestFile);
        try
        {
            return Manifest.Config.Deserialize<TConfig>(BundleManifest.Json) ?? throw new BundleException(path, "config is null");
        }
        catch (JsonException failure)
        {
            throw new BundleException(path, $"config does not describe a {Manifest.Family} model: {failure.Message}", failure);
        }
    }
}
