using Puma.Simd;

namespace Puma.Protocols.Core;

/// <summary>
/// This party's half of a boolean replicated share <c>&lt;x&gt;</c>: x = x0 ^ x1 ^ x2 word by word,
/// party i holding <see cref="Own"/> = x_i and <see cref="Next"/> = x_{i+1}. A word holds one
/// 64-bit value or 64 packed bits; the protocol using it says which.
/// </summary>
public sealed class BShare : IDisposable
{
    public BShare(int length)
    {
        Own = new NativeArray(length);
        Next = new NativeArray(length);
    }

    /// <summary>A share over two existing buffers of equal length, which it takes over.</summary>
    internal BShare(NativeArray own, NativeArray next)
    {
        if (own.Length != next.Length) throw new ArgumentException($"Components of {own.Length} and {next.Length} words.", nameof(next));
        Own = own;
        Next = next;
    }

    /// <summary>
    /// A share whose components are not cleared, for protocol outputs that write every element of
    /// both components (see <see cref="NativeArray.Uninitialized"/>).
    /// </summary>
    internal static BShare Uninitialized(int length) => new(NativeArray.Uninitialized(length), NativeArray.Uninitialized(length));

    /// <summary>Component x_i (also held by prev(i)).</summary>
    public NativeArray Own { get; }

    /// <summary>Component x_{i+1} (also held by next(i)).</summary>
    public NativeArray Next { get; }

    public int Length => Own.Length;

    public void Dispose()
    {
        Own.Dispose();
        Next.Dispose();
    }
}
