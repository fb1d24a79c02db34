using System.Security.Cryptography;
using Puma.Models.Progress;
using Puma.Models.Secure;
using Puma.Protocols.Core;
using Puma.Simd;

namespace Puma.Models.Bundles;

/// <summary>
/// One party's bundle, loaded: its manifest checked, every file's size and SHA-256 verified, the
/// x2 file mapped. As an <see cref="IWeightSource"/> it answers a model's declarations by name,
/// checking shape and fractional bits against the tensor table, with handles that materialise a
/// tensor only while it is held: a file component is a view of the mapped pages (no copy; the
/// handle's prefetch asks the kernel to read them ahead), a seed component is regenerated into
/// private memory and freed when the last holder leaves. So a model streamed a layer at a time
/// (LLaMA-7B: 54 GB per seed component) keeps one layer's seed components in private memory.
/// Every failure is a <see cref="BundleException"/> naming the file and tensor.
/// </summary>
public sealed unsafe class PartyBundle : IWeightSource
{
    private readonly string _folder;
    private readonly Dictionary<string, BundleTensor> _tensors;
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private readonly List<WeightTensor> _handles = [];
    private readonly byte[] _seeds;
    private readonly MappedShareFile? _component;
    private long _materialisedBytes;
    private long _peakMaterialisedBytes;

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

    /// <summary>Bytes of seed components materialised now (private memory the handles hold).</summary>
    internal long MaterialisedBytes => Interlocked.Read(ref _materialisedBytes);

    /// <summary>The most <see cref="MaterialisedBytes"/> held at once since loading.</summary>
    internal long PeakMaterialisedBytes => Interlocked.Read(ref _peakMaterialisedBytes);

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

    public WeightTensor Tensor(string name, int[] shape, Func<double[]> values, int? fractionalBits = null)
    {
        if (!_tensors.TryGetValue(name, out var tensor))
            throw new BundleException(ManifestPath(_folder), $"has no tensor '{name}', which the {Manifest.Family} model needs; the bundle was written for another model or version");
        if (!tensor.Shape.SequenceEqual(shape))
            throw new BundleException(ManifestPath(_folder), $"tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}] where the model needs [{string.Join(", ", shape)}]");
        var bits = fractionalBits ?? FractionalBits;
        if (tensor.FractionalBits != bits)
            throw new BundleException(ManifestPath(_folder), $"tensor '{name}' has {tensor.FractionalBits} fractional bits where the model needs {bits}");
        if (!_declared.Add(name)) throw new ArgumentException($"Tensor '{name}' is declared twice.", nameof(name));
        var handle = new BundleWeight(this, tensor);
        _handles.Add(handle);
        return handle;
    }

    public void Complete()
    {
        var unused = Manifest.Tensors.FirstOrDefault(tensor => !_declared.Contains(tensor.Name));
        if (unused is not null)
            throw new BundleException(ManifestPath(_folder), $"lists tensor '{unused.Name}', which the {Manifest.Family} model does not use; the bundle was written for another model or version");
    }

    public void Dispose()
    {
        foreach (var handle in _handles) handle.Drop();
        _handles.Clear();
        _component?.Dispose();
        CryptographicOperations.ZeroMemory(_seeds);
    }

    /// <summary>The share of <paramref name="tensor"/>: views of the mapped file, seed components regenerated.</summary>
    internal AShare Materialise(BundleTensor tensor)
    {
        var own = Component(Manifest.Own!, tensor);
        try
        {
            return new AShare(own, Component(Manifest.Next!, tensor));
        }
        catch
        {
            Free(own, Manifest.Own!, tensor);
            throw;
        }
    }

    internal void Free(AShare share, BundleTensor tensor)
    {
        Free(share.Own, Manifest.Own!, tensor);
        Free(share.Next, Manifest.Next!, tensor);
    }

    /// <summary>Asks the kernel to read <paramref name="tensor"/>'s range of the mapped file ahead of its use.</summary>
    /// <returns>Whether the kernel took the advice (false for party 0, which maps no file).</returns>
    internal bool Prefetch(BundleTensor tensor) => _component?.WillNeed(tensor.Offset, tensor.Length) ?? false;

    private NativeArray Component(BundleComponent source, BundleTensor tensor)
    {
        if (source.Kind == BundleComponentKind.File)
        {
            _component!.Populate(tensor.Offset, tensor.Length);
            return NativeArray.View(_component.Element(tensor.Offset), tensor.Length);
        }
        var component = NativeArray.Uninitialized(tensor.Length);
        BundleStreams.Fill(_seeds.AsSpan(source.SeedIndex!.Value * BundleLayout.SeedBytes, BundleLayout.SeedBytes), tensor.Offset, component.Span);
        var live = Interlocked.Add(ref _materialisedBytes, (long)tensor.Length * sizeof(ulong));
        for (var peak = PeakMaterialisedBytes; live > peak; peak = PeakMaterialisedBytes)
            Interlocked.CompareExchange(ref _peakMaterialisedBytes, live, peak);
        return component;
    }

    private void Free(NativeArray component, BundleComponent source, BundleTensor tensor)
    {
        component.Dispose();
        if (source.Kind != BundleComponentKind.File) Interlocked.Add(ref _materialisedBytes, -(long)tensor.Length * sizeof(ulong));
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
