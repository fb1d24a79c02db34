using Puma.Protocols.Core;

namespace Puma.Models.Secure;

/// <summary>Owns the temporary shares of one step (per-head operands) and frees them together, also on failure.</summary>
internal sealed class ShareScope : IDisposable
{
    private readonly List<AShare> _owned = [];

    public AShare[] Own(IEnumerable<AShare> shares)
    {
        var array = shares.ToArray();
        _owned.AddRange(array);
        return array;
    }

    public void Dispose()
    {
        foreach (var share in _owned) share.Dispose();
        _owned.Clear();
    }
}
