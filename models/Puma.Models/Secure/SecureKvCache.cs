using Puma.Protocols.Core;

namespace Puma.Models.Secure;

/// <summary>
/// Every layer's keys and values as shares [capacity, kvWidth] row-major, so that positions
/// 0..t are one contiguous prefix: later tokens attend to earlier ones without recomputing them.
/// Positions are public; the decoder that owns the cache says where each token goes.
/// </summary>
internal sealed class SecureKvCache : IDisposable
{
    private readonly AShare[] _keys;
    private readonly AShare[] _values;
    private readonly int _kvWidth;

    public SecureKvCache(int layers, int capacity, int kvWidth)
    {
        Capacity = capacity;
        _kvWidth = kvWidth;
        _keys = [.. Enumerable.Range(0, layers).Select(_ => new AShare(capacity * kvWidth))];
        _values = [.. Enumerable.Range(0, layers).Select(_ => new AShare(capacity * kvWidth))];
    }

    /// <summary>Positions each layer holds.</summary>
    public int Capacity { get; }

    /// <summary>Stores the rows of <paramref name="keys"/> and <paramref name="values"/> [·, kvWidth] from <paramref name="position"/> on.</summary>
    public void Append(int layer, int position, AShare keys, AShare values)
    {
        ShareSlices.CopyInto(keys, _keys[layer], position * _kvWidth);
        ShareSlices.CopyInto(values, _values[layer], position * _kvWidth);
    }

    /// <summary>A copy of the first <paramref name="positions"/> key rows of <paramref name="layer"/>.</summary>
    public AShare Keys(int layer, int positions) => ShareSlices.Slice(_keys[layer], 0, positions * _kvWidth);

    /// <summary>A copy of the first <paramref name="positions"/> value rows of <paramref name="layer"/>.</summary>
    public AShare Values(int layer, int positions) => ShareSlices.Slice(_values[layer], 0, positions * _kvWidth);

    public void Dispose()
    {
        foreach (var share in _keys.Concat(_values)) share.Dispose();
    }
}
