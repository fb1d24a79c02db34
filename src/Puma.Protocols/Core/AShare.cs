using Puma.Simd;

namespace Puma.Protocols.Core;

/// <summary>
/// This party's half of an arithmetic replicated share <c>[x]</c> over Z_2^64: x = x0 + x1 + x2,
/// and party i holds <see cref="Own"/> = x_i and <see cref="Next"/> = x_{i+1}.
/// Owns its native buffers; dispose when done.
/// </summary>
public sealed class AShare : IDisposable
{
    /// <summary>A share of zero: both components cleared.</summary>
    public AShare(int length) : this(new NativeArray(length), new NativeArray(length))
    {
    }

    /// <summary>A share over two existing buffers of equal length, which it takes over.</summary>
    public AShare(NativeArray own, NativeArray next)
    {
        if (own.Length != next.Length) throw new ArgumentException($"Components of {own.Length} and {next.Length} elements.", nameof(next));
        Own = own;
        Next = next;
    }

    /// <summary>
    /// A share whose components are not cleared, for protocol outputs that write every element of
    /// both components (see <see cref="NativeArray.Uninitialized"/>).
    /// </summary>
    internal static AShare Uninitialized(int length) => new(NativeArray.Uninitialized(length), NativeArray.Uninitialized(length));

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
