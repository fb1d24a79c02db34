using System.Security.Cryptography;
using Puma.Models.Progress;
using Puma.Models.Secure;
using Puma.Protocols.Core;
using Puma.Simd;

namespace Puma.Models.Bundles;

/// <summary>
/// One party's bundle, loaded: its manifest checked, every file's size and SHA-256 verified, the
/// x2 file mapped and the seed components expanded. As an <see cref="IWeightSource"/> it answers
/// a model's declarations by name, checking shape and fractional bits against the tensor table: a
/// file component is a view of the mapped pages (no copy), a seed component is regenerated into
/// private memory. Every failure is a <see cref="BundleException"/> naming the file and tensor.
/// </summary>
public sealed unsafe class PartyBundle : IWeightSource
{
    private readonly string _folder;
    private readonly Dictionary<string, BundleTensor> _tensors;
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private readonly List<AShare> _shares = [];
    private readonly byte[] _seeds;
    private readonly MappedShareFile? _component;

    private PartyBundle(string folder, BundleManifest manifest, byte[] seeds, MappedShareFile? component)
    {
        _folder = folder;
        Manifest = manifest;
        _seeds = seeds;
        _component = component;
        _tensors = manifest.Tensors.ToDictionary(tensor => tensor.Name, StringComparer.Ordinal);
    }

    public BundleManifest Manifest { get; }

    /// <summary>The party folder it was loaded from.</summary>
    public string Folder => _folder;

    public int Party => Manifest.Party!.Value;

    public int FractionalBits => Manifest.FractionalBits;

    /// <summary>Loads and verifies the party folder <paramref name="folder"/> (the one <c>puma share</c> wrote as partyI/).</summary>
    public static PartyBundle Load(string folder, IProgress<ProgressStep>? progress = null)
    {
        var manifest = BundleManifestFile.Read(folder);
        var party = manifest.Party ?? throw new BundleException(ManifestPath(folder), "this is the client folder, not a party's");
        BundleManifestFile.VerifyFiles(folder, manifest, progress);
        var seeds = ReadSeeds(folder, party);
        MappedShareFile? component = null;
        try
        {
            if (party != 0)
            {
                var file = manifest.Files.Single(f => f.Name == BundleLayout.ComponentFile);
                var needed = manifest.Tensors.Count == 0 ? 0 : manifest.Tensors.Max(t => t.Offset + t.Length) * sizeof(ulong);
                if (file.Bytes < needed) throw new BundleException(ManifestPath(folder), $"lists {file.Name} with {file.Bytes} bytes but its tensor table needs {needed}");
                if (file.Bytes > 0) component = new MappedShareFile(Path.Combine(folder, file.Name), file.Bytes);
            }
            return new PartyBundle(folder, manifest, seeds, component);
        }
        catch
        {
            CryptographicOperations.ZeroMemory(seeds);
            component?.Dispose();
            throw;
        }
    }

    public AShare Tensor(string name, int[] shape, Func<double[]> values, int? fractionalBits = null)
    {
        if (!_tensors.TryGetValue(name, out var tensor))
            throw new BundleException(ManifestPath(_folder), $"has no tensor '{name}', which the {Manifest.Family} model needs; the bundle was written for another model or version");
        if (!tensor.Shape.SequenceEqual(shape))
            throw new BundleException(ManifestPath(_folder), $"tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}] where the model needs [{string.Join(", ", shape)}]");
        var bits = fractionalBits ?? FractionalBits;
        if (tensor.FractionalBits != bits)
            throw new BundleException(ManifestPath(_folder), $"tensor '{name}' has {tensor.FractionalBits} fractional bits where the model needs {bits}");
        if (!_declared.Add(name)) throw new ArgumentException($"Tensor '{name}' is declared twice.", nameof(name));
        var share = new AShare(Component(Manifest.Own!, tensor), Component(Manifest.Next!, tensor));
        _shares.Add(share);
        return share;
    }

    public void Complete()
    {
        var unused = Manifest.Tensors.FirstOrDefault(tensor => !_declared.Contains(tensor.Name));
        if (unused is not null)
            throw new BundleException(ManifestPath(_folder), $"lists tensor '{unused.Name}', which the {Manifest.Family} model does not use; the bundle was written for another model or version");
    }

    public void Dispose()
    {
        foreach (var share in _shares) share.Dispose();
        _shares.Clear();
        _component?.Dispose();
        CryptographicOperations.ZeroMemory(_seeds);
    }

    private NativeArray Component(BundleComponent source, BundleTensor tensor)
    {
        if (source.Kind == BundleComponentKind.File) return NativeArray.View(_component!.Element(tensor.Offset), tensor.Length);
        var component = NativeArray.Uninitialized(tensor.Length);
        BundleStreams.Fill(_seeds.AsSpan(source.SeedIndex!.Value * BundleLayout.SeedBytes, BundleLayout.SeedBytes), tensor.Offset, component.Span);
        return component;
    }

    private static byte[] ReadSeeds(string folder, int party)
    {
        var path = Path.Combine(folder, BundleLayout.SeedsFile);
        var seeds = File.ReadAllBytes(path);
        if (seeds.Length != BundleLayout.SeedComponents(party).Length * BundleLayout.SeedBytes)
            throw new BundleException(path, $"holds {seeds.Length} bytes; party {party} needs {BundleLayout.SeedComponents(party).Length} seeds of {BundleLayout.SeedBytes} bytes");
        return seeds;
    }

    private static string ManifestPath(string folder) => Path.Combine(folder, BundleLayout.ManifestFile);
}
