using Puma.Models.Secure;
using Puma.Protocols.Core;
using Puma.Simd;

namespace Puma.Models.Bundles;

/// <summary>
/// The <see cref="IWeightSource"/> a bundle is written from: it records each declared tensor
/// (name, shape, fractional bits, plaintext factory) in order for <see cref="BundleWriter"/>, and
/// hands back empty placeholder shares, since no share exists until the writer makes one.
/// </summary>
public sealed class WeightRecorder(int fractionalBits) : IWeightSource
{
    private readonly List<RecordedTensor> _tensors = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<AShare> _placeholders = [];

    public int FractionalBits { get; } = fractionalBits;

    /// <summary>The declarations, in order; complete once <see cref="Complete"/> ran.</summary>
    public IReadOnlyList<RecordedTensor> Tensors => _tensors;

    public bool Completed { get; private set; }

    public WeightTensor Tensor(string name, int[] shape, Func<double[]> values, int? fractionalBits = null)
    {
        if (!_names.Add(name)) throw new ArgumentException($"Tensor '{name}' is declared twice.", nameof(name));
        _tensors.Add(new RecordedTensor(name, [.. shape], WeightSourceExtensions.Length(name, shape), fractionalBits ?? FractionalBits, values));
        var placeholder = new AShare(NativeArray.Uninitialized(0), NativeArray.Uninitialized(0));
        _placeholders.Add(placeholder);
        return new ResidentWeight(name, placeholder);
    }

    public void Complete() => Completed = true;

    public void Dispose()
    {
        foreach (var placeholder in _placeholders) placeholder.Dispose();
        _placeholders.Clear();
    }
}

/// <summary>One declared tensor: its public facts and the factory of its folded plaintext.</summary>
public sealed record RecordedTensor(string Name, int[] Shape, int Length, int FractionalBits, Func<double[]> Values);
