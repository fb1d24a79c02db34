using System.Security.Cryptography;
using System.Text.Json;
using Puma.Models.Progress;
using Puma.Protocols.Core;
using Puma.Simd;

namespace Puma.Models.Bundles;

/// <summary>
/// Writes the party bundles of one sharing (see <see cref="BundleLayout"/>): party0/, party1/,
/// party2/ and client/. It streams: each tensor is read, encoded, masked and written in chunks of
/// <see cref="ChunkElements"/>, so besides whatever one tensor's <see cref="PlaintextChunks"/>
/// holds it keeps three chunk buffers (96 MB). The seeds come from the OS CSPRNG and are cleared
/// after use.
/// </summary>
public static class BundleWriter
{
    /// <summary>Elements per chunk: 32 MB per buffer.</summary>
    public const int ChunkElements = 1 << 22;

    /// <summary>What a bundle says about its model, besides the tensors.</summary>
    /// <param name="ClientFiles">Public files the client needs (tokenizer, config), copied into client/.</param>
    public sealed record Source(string Family, JsonElement Config, string Sha256, IReadOnlyList<string> ClientFiles);

    /// <summary>Fills <paramref name="destination"/> with a tensor's plaintext from element <paramref name="start"/> on.</summary>
    public delegate void PlaintextChunks(int start, Span<double> destination);

    /// <summary>
    /// Writes the bundles of the tensors <paramref name="recorder"/> recorded, each read from its
    /// plaintext factory, into <paramref name="folder"/>, which must not exist or be empty, and
    /// returns party 0's manifest.
    /// </summary>
    public static BundleManifest Write(string folder, Source source, WeightRecorder recorder, IProgress<ProgressStep>? progress = null)
        => Write(folder, source, recorder, FromFactory, progress);

    /// <summary>
    /// As <see cref="Write(string, Source, WeightRecorder, IProgress{ProgressStep}?)"/>, each
    /// tensor's plaintext read in chunks from what <paramref name="plaintext"/> opens for it, so a
    /// tensor need never be whole in memory (synthetic weights of any size).
    /// </summary>
    public static BundleManifest Write(string folder, Source source, WeightRecorder recorder, Func<RecordedTensor, PlaintextChunks> plaintext, IProgress<ProgressStep>? progress = null)
    {
        if (!recorder.Completed) throw new InvalidOperationException("The model's declarations are incomplete.");
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new BundleException(folder, "the output folder is not empty; give a new one");
        var tensors = Place(recorder.Tensors);
        var bundleId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var seeds = RandomNumberGenerator.GetBytes(2 * BundleLayout.SeedBytes);
        try
        {
            for (var party = 0; party < 3; party++) Directory.CreateDirectory(Path.Combine(folder, BundleLayout.PartyFolder(party)));
            var componentPath = Path.Combine(folder, BundleLayout.PartyFolder(1), BundleLayout.ComponentFile);
            var componentHash = WriteComponent(componentPath, recorder.Tensors, tensors, seeds, plaintext, progress);
            FileLinks.LinkOrCopy(componentPath, Path.Combine(folder, BundleLayout.PartyFolder(2), BundleLayout.ComponentFile));
            var component = new BundleFile(BundleLayout.ComponentFile, new FileInfo(componentPath).Length, componentHash);

            BundleManifest? first = null;
            for (var party = 0; party < 3; party++)
            {
                var partyFolder = Path.Combine(folder, BundleLayout.PartyFolder(party));
                var seedFile = WriteSeeds(Path.Combine(partyFolder, BundleLayout.SeedsFile), party, seeds);
                var (own, next) = BundleLayout.Components(party);
                var manifest = new BundleManifest(BundleLayout.FormatName, BundleLayout.FormatVersion, ProtocolVersion.Current, bundleId, party,
                    recorder.FractionalBits, source.Family, source.Config, source.Sha256, own, next, tensors,
                    party == 0 ? [seedFile] : [seedFile, component]);
                WriteManifest(partyFolder, manifest);
                first ??= manifest;
            }
            WriteClient(Path.Combine(folder, BundleLayout.ClientFolder), source, bundleId, recorder.FractionalBits);
            return first!;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seeds);
        }
    }

    /// <summary>The tensor table: each tensor at the next 64-byte-aligned element offset.</summary>
    private static BundleTensor[] Place(IReadOnlyList<RecordedTensor> recorded)
    {
        var placed = new BundleTensor[recorded.Count];
        long offset = 0;
        for (var t = 0; t < recorded.Count; t++)
        {
            var tensor = recorded[t];
            placed[t] = new BundleTensor(tensor.Name, tensor.Shape, tensor.FractionalBits, offset, tensor.Length);
            offset += (tensor.Length + BundleLayout.AlignmentElements - 1) / BundleLayout.AlignmentElements * BundleLayout.AlignmentElements;
        }
        return placed;
    }

    /// <summary>A factory's whole plaintext, made when the tensor is opened and dropped with its reader.</summary>
    private static PlaintextChunks FromFactory(RecordedTensor tensor)
    {
        var values = tensor.Values();
        if (values.Length != tensor.Length)
            throw new ArgumentException($"Tensor '{tensor.Name}' has {values.Length} values where its shape [{string.Join(", ", tensor.Shape)}] calls for {tensor.Length}.");
        return (start, destination) => values.AsSpan(start, destination.Length).CopyTo(destination);
    }

    /// <summary>Writes x2 = x − F(k0) − F(k1) for every tensor and returns the file's SHA-256.</summary>
    private static string WriteComponent(string path, IReadOnlyList<RecordedTensor> recorded, BundleTensor[] placed, byte[] seeds,
        Func<RecordedTensor, PlaintextChunks> plaintext, IProgress<ProgressStep>? progress)
    {
        long total = recorded.Sum(tensor => (long)tensor.Length), done = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        using var x = NativeArray.Uninitialized(ChunkElements);
        using var mask = NativeArray.Uninitialized(ChunkElements);
        var plain = GC.AllocateUninitializedArray<double>(ChunkElements);
        var padding = new byte[BundleLayout.AlignmentElements * sizeof(ulong)];
        for (var t = 0; t < recorded.Count; t++)
        {
            var length = recorded[t].Length;
            var read = plaintext(recorded[t]);
            for (var start = 0; start < length; start += ChunkElements)
            {
                var count = Math.Min(ChunkElements, length - start);
                var chunk = x.Slice(0, count);
                read(start, plain.AsSpan(0, count));
                FixedPoint.Encode(plain.AsSpan(0, count), chunk, recorded[t].FractionalBits);
                for (var component = 0; component < 2; component++)
                {
                    BundleStreams.Fill(seeds.AsSpan(component * BundleLayout.SeedBytes, BundleLayout.SeedBytes), placed[t].Offset + start, mask.Slice(0, count));
                    Ring.Subtract(chunk, mask.Slice(0, count), chunk);
                }
                var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes((ReadOnlySpan<ulong>)chunk);
                file.Write(bytes);
                hash.AppendData(bytes);
                done += count;
                progress?.Report(new ProgressStep(ProgressStages.SharingWeights, done, total));
            }
            var pad = (int)((placed[t].Length + BundleLayout.AlignmentElements - 1) / BundleLayout.AlignmentElements * BundleLayout.AlignmentElements - placed[t].Length) * sizeof(ulong);
            file.Write(padding, 0, pad);
            hash.AppendData(padding, 0, pad);
        }
        file.Flush(flushToDisk: true);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static BundleFile WriteSeeds(string path, int party, byte[] seeds)
    {
        var components = BundleLayout.SeedComponents(party);
        var bytes = new byte[components.Length * BundleLayout.SeedBytes];
        try
        {
            for (var i = 0; i < components.Length; i++)
                seeds.AsSpan(components[i] * BundleLayout.SeedBytes, BundleLayout.SeedBytes).CopyTo(bytes.AsSpan(i * BundleLayout.SeedBytes));
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var file = new FileStream(path, options)) file.Write(bytes);
            return new BundleFile(BundleLayout.SeedsFile, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static void WriteClient(string folder, Source source, string bundleId, int fractionalBits)
    {
        Directory.CreateDirectory(folder);
        var files = new List<BundleFile>();
        foreach (var path in source.ClientFiles)
        {
            var name = Path.GetFileName(path);
            File.Copy(path, Path.Combine(folder, name));
            files.Add(new BundleFile(name, new FileInfo(path).Length, SourceHash.OfFile(path)));
        }
        WriteManifest(folder, new BundleManifest(BundleLayout.FormatName, BundleLayout.FormatVersion, ProtocolVersion.Current, bundleId, null,
            fractionalBits, source.Family, source.Config, source.Sha256, null, null, [], files));
    }

    private static void WriteManifest(string folder, BundleManifest manifest)
        => File.WriteAllText(Path.Combine(folder, BundleLayout.ManifestFile), JsonSerializer.Serialize(manifest, BundleManifest.Json));
}
