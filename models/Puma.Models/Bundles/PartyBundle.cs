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
/// tensor while it is held: a file component is a view of the mapped pages (no copy; the handle's
/// prefetch asks the kernel to read them ahead), a seed component is regenerated into private
/// memory (party 0 has two per tensor, parties 1 and 2 one).
/// <para>
/// A residency budget decides what stays: when the declarations complete, the tensors whose seed
/// components fit the budget, taken in declaration order while they fit (a prefix: the first
/// steps of the forward), are materialised once and kept until dispose; every other tensor is
/// streamed, regenerated when a forward holds it and freed when it lets go. A model that fits
/// pays the regeneration once at load, as if pinned; one that does not (GPT2-large's three parties
/// would need 25 GB, LLaMA-7B's 216 GB) keeps what fits and streams the rest a layer at a time.
/// </para>
/// Every failure is a <see cref="BundleException"/> naming the file and tensor.
/// </summary>
public sealed unsafe class PartyBundle : IWeightSource
{
    private readonly string _folder;
    private readonly Dictionary<string, BundleTensor> _tensors;
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private readonly List<BundleWeight> _handles = [];
    private readonly byte[] _seeds;
    private readonly MappedShareFile? _component;
    private readonly long _residentBudget;
    private int _residentTensors;
    private long _materialisedBytes;
    private long _peakMaterialisedBytes;

    private PartyBundle(string folder, BundleManifest manifest, byte[] seeds, MappedShareFile? component, long residentBudget, int threads)
    {
        _threads = threads;
        _folder = folder;
        Manifest = manifest;
        _seeds = seeds;
        _component = component;
        _residentBudget = residentBudget;
        _tensors = manifest.Tensors.ToDictionary(tensor => tensor.Name, StringComparer.Ordinal);
    }

    /// <summary>Threads that regenerate a seed component (the party's kernel threads).</summary>
    private readonly int _threads;

    public BundleManifest Manifest { get; }

    /// <summary>The party folder it was loaded from.</summary>
    public string Folder => _folder;

    public int Party => Manifest.Party!.Value;

    public int FractionalBits => Manifest.FractionalBits;

    /// <summary>Bytes of seed components materialised now (private memory the handles hold).</summary>
    internal long MaterialisedBytes => Interlocked.Read(ref _materialisedBytes);

    /// <summary>The most <see cref="MaterialisedBytes"/> held at once since loading.</summary>
    internal long PeakMaterialisedBytes => Interlocked.Read(ref _peakMaterialisedBytes);

    /// <summary>Bytes of seed components kept materialised between requests (the resident tensors'; the rest stream).</summary>
    public long ResidentBytes { get; private set; }

    /// <summary>
    /// The default residency budget: half the memory available to this process (its container's
    /// limit, if any), split evenly between the <paramref name="partiesInProcess"/> parties it runs,
    /// so the other half is left to activations, temporaries, the streamed layers and the page cache.
    /// </summary>
    public static long DefaultResidentBytes(int partiesInProcess)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partiesInProcess);
        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2 / partiesInProcess;
    }

    /// <summary>
    /// Loads and verifies the party folder <paramref name="folder"/> (the one <c>puma share</c> wrote
    /// as partyI/), to keep at most <paramref name="residentBytes"/> of seed components materialised
    /// between requests (0 streams every tensor; see <see cref="DefaultResidentBytes"/>), its seed
    /// components regenerated on up to <paramref name="threads"/> threads (-1: every core).
    /// </summary>
    public static PartyBundle Load(string folder, long residentBytes, IProgress<ProgressStep>? progress = null, int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(residentBytes);
        if (threads is 0 or < -1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "Must be -1 or positive.");
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
            return new PartyBundle(folder, manifest, seeds, component, residentBytes, threads);
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

    /// <summary>Checks every listed tensor was declared, then materialises the resident ones (so loading pays for them, not the first request).</summary>
    public void Complete()
    {
        var unused = Manifest.Tensors.FirstOrDefault(tensor => !_declared.Contains(tensor.Name));
        if (unused is not null)
            throw new BundleException(ManifestPath(_folder), $"lists tensor '{unused.Name}', which the {Manifest.Family} model does not use; the bundle was written for another model or version");
        KeepResident();
    }

    public void Dispose()
    {
        foreach (var handle in _handles) handle.Drop();
        _handles.Clear();
        _component?.Dispose();
        CryptographicOperations.ZeroMemory(_seeds);
    }

    /// <summary>
    /// Holds the declared tensors, in order, while their seed components fit the budget: the
    /// bundle's own hold, released only by <see cref="Dispose"/>, so forwards find them materialised.
    /// </summary>
    private void KeepResident()
    {
        var seedComponents = new[] { Manifest.Own!, Manifest.Next! }.Count(component => component.Kind == BundleComponentKind.Seed);
        for (; _residentTensors < _handles.Count; _residentTensors++)
        {
            var bytes = (long)_handles[_residentTensors].Length * sizeof(ulong) * seedComponents;
            if (ResidentBytes + bytes > _residentBudget) return;
            _handles[_residentTensors].Acquire();
            ResidentBytes += bytes;
        }
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

    /// <summary>
    /// Elements [start, start + count) of <paramref name="tensor"/>'s own or next component: a view
    /// of the mapped file (populated first), or regenerated from the seed into <paramref name="scratch"/>.
    /// </summary>
    internal ReadOnlySpan<ulong> ReadElements(bool next, BundleTensor tensor, long start, int count, Span<ulong> scratch)
    {
        var source = next ? Manifest.Next! : Manifest.Own!;
        if (source.Kind == BundleComponentKind.File) return new ReadOnlySpan<ulong>(Mapped(tensor.Offset + start, count), count);
        var filled = scratch[..count];
        BundleStreams.Fill(Seed(source), tensor.Offset + start, filled);
        return filled;
    }

    private NativeArray Component(BundleComponent source, BundleTensor tensor)
    {
        if (source.Kind == BundleComponentKind.File) return NativeArray.View(Mapped(tensor.Offset, tensor.Length), tensor.Length);
        var component = NativeArray.Uninitialized(tensor.Length);
        BundleStreams.Fill(Seed(source), tensor.Offset, component.Span, _threads);
        var live = Interlocked.Add(ref _materialisedBytes, (long)tensor.Length * sizeof(ulong));
        for (var peak = PeakMaterialisedBytes; live > peak; peak = PeakMaterialisedBytes)
            Interlocked.CompareExchange(ref _peakMaterialisedBytes, live, peak);
        return component;
    }

    /// <summary>Elements [offset, offset + count) of the mapped file, populated so the kernels read them without page faults.</summary>
    private ulong* Mapped(long offset, long count)
    {
        _component!.Populate(offset, count);
        return _component.Element(offset);
    }

    /// <summary>The 128-bit seed of a seed component.</summary>
    private ReadOnlySpan<byte> Seed(BundleComponent source) => _seeds.AsSpan(source.SeedIndex!.Value * BundleLayout.SeedBytes, BundleLayout.SeedBytes);

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
