using System.Text.Json;
using Puma.Models.Progress;
using Puma.Protocols.Core;

namespace Puma.Models.Bundles;

/// <summary>Reads a bundle folder's manifest and checks it and the files it lists, naming the file and field at fault.</summary>
public static class BundleManifestFile
{
    /// <summary>Reads and validates <c>manifest.json</c> in <paramref name="folder"/> (a party's or the client's).</summary>
    public static BundleManifest Read(string folder)
    {
        var path = Path.Combine(folder, BundleLayout.ManifestFile);
        if (!Directory.Exists(folder)) throw new BundleException(folder, "the bundle folder does not exist");
        if (!File.Exists(path)) throw new BundleException(path, "is missing: not a folder written by 'puma share'");
        BundleManifest? manifest;
        try
        {
            using var stream = File.OpenRead(path);
            manifest = JsonSerializer.Deserialize<BundleManifest>(stream, BundleManifest.Json);
        }
        catch (JsonException failure)
        {
            throw new BundleException(path, $"is not a bundle manifest: {failure.Message}", failure);
        }
        catch (IOException failure)
        {
            throw new BundleException(path, $"cannot be read: {failure.Message}", failure);
        }
        if (manifest is null) throw new BundleException(path, "is empty (null)");
        var problem = FindProblem(manifest);
        if (problem is not null) throw new BundleException(path, problem);
        return manifest;
    }

    /// <summary>Checks every listed file's presence, size and SHA-256, reporting bytes hashed.</summary>
    public static void VerifyFiles(string folder, BundleManifest manifest, IProgress<ProgressStep>? progress = null)
    {
        long total = manifest.Files.Sum(file => file.Bytes), done = 0;
        var manifestPath = Path.Combine(folder, BundleLayout.ManifestFile);
        foreach (var file in manifest.Files)
        {
            var path = Path.Combine(folder, file.Name);
            if (!File.Exists(path)) throw new BundleException(path, $"is missing; '{manifestPath}' lists it");
            var length = new FileInfo(path).Length;
            if (length < file.Bytes) throw new BundleException(path, $"is truncated: {length} of the {file.Bytes} bytes '{manifestPath}' lists");
            if (length != file.Bytes) throw new BundleException(path, $"is {length} bytes where '{manifestPath}' lists {file.Bytes}");
            var hash = SourceHash.OfFile(path, read => progress?.Report(new ProgressStep(ProgressStages.VerifyingBundle, done += read, total)));
            if (hash != file.Sha256) throw new BundleException(path, $"is corrupted: its SHA-256 differs from the one '{manifestPath}' lists");
        }
    }

    private static string? FindProblem(BundleManifest manifest)
    {
        if (manifest.Format != BundleLayout.FormatName) return $"format is '{manifest.Format}', expected '{BundleLayout.FormatName}'";
        if (manifest.FormatVersion != BundleLayout.FormatVersion) return $"format version {manifest.FormatVersion}; this puma reads version {BundleLayout.FormatVersion}";
        if (manifest.ProtocolVersion != ProtocolVersion.Current) return $"protocol version {manifest.ProtocolVersion}; this puma speaks version {ProtocolVersion.Current}";
        if (manifest.BundleId is not { Length: 32 } || !manifest.BundleId.All(char.IsAsciiHexDigitLower)) return "bundleId is not 32 lowercase hex digits";
        if (manifest.FractionalBits is < 1 or > 40) return $"fractionalBits {manifest.FractionalBits} is outside 1..40";
        if (string.IsNullOrEmpty(manifest.Family)) return "family is missing";
        if (manifest.Config.ValueKind != JsonValueKind.Object) return "config is not a JSON object";
        if (manifest.SourceSha256 is not { Length: 64 }) return "sourceSha256 is not a SHA-256";
        if (manifest.Tensors is null) return "tensors is missing";
        if (manifest.Files is null) return "files is missing";
        foreach (var file in manifest.Files)
        {
            if (file is null || string.IsNullOrEmpty(file.Name) || file.Name != Path.GetFileName(file.Name) || file.Name is "." or "..")
                return "files lists an entry that is not a plain file name";
            if (file.Bytes < 0) return $"file '{file.Name}' has a negative size";
            if (file.Sha256 is not { Length: 64 }) return $"file '{file.Name}' has no SHA-256";
        }
        if (manifest.Party is not { } party) return manifest.Tensors.Count == 0 ? null : "the client folder lists tensors";
        if (party is < 0 or > 2) return $"party {party} is not 0, 1 or 2";
        if ((manifest.Own, manifest.Next) != BundleLayout.Components(party)) return $"own/next components do not match party {party}";
        if (!manifest.Files.Any(file => file.Name == BundleLayout.SeedsFile)) return $"files does not list {BundleLayout.SeedsFile}";
        if (party != 0 && !manifest.Files.Any(file => file.Name == BundleLayout.ComponentFile)) return $"files does not list {BundleLayout.ComponentFile}";
        return FindTensorProblem(manifest.Tensors);
    }

    private static string? FindTensorProblem(IReadOnlyList<BundleTensor> tensors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        long end = 0;
        foreach (var tensor in tensors)
        {
            if (tensor is null || string.IsNullOrEmpty(tensor.Name)) return "tensors lists an entry without a name";
            if (!names.Add(tensor.Name)) return $"tensor '{tensor.Name}' is listed twice";
            if (tensor.Shape is null) return $"tensor '{tensor.Name}' has no shape";
            long length = 1;
            foreach (var dimension in tensor.Shape)
            {
                if (dimension < 0) return $"tensor '{tensor.Name}' has a negative dimension";
                length *= dimension;
                if (length > Array.MaxLength) return $"tensor '{tensor.Name}' of shape [{string.Join(", ", tensor.Shape)}] is too large";
            }
            if (length != tensor.Length) return $"tensor '{tensor.Name}' has length {tensor.Length} but shape [{string.Join(", ", tensor.Shape)}]";
            if (tensor.FractionalBits is < 0 or > 62) return $"tensor '{tensor.Name}' has {tensor.FractionalBits} fractional bits";
            if (tensor.Offset < end || tensor.Offset % BundleLayout.AlignmentElements != 0) return $"tensor '{tensor.Name}' starts at {tensor.Offset}, not an aligned offset after the previous tensor";
            end = tensor.Offset + tensor.Length;
        }
        return null;
    }
}
