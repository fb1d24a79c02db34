using Puma.Simd;

namespace Puma.Protocols.Core;

/// <summary>
/// This party's half of an arithmetic replicated share <c>[x]</c> over Z_2^64: x = x0 + x1 + x2,
/// and party i holds <see cref="Own"/> = x_i and <see cref="Next"/> = x_{i+1}.
/// Owns its native buffers; dispose when done.
/// </summary>
public sealed class AShare : IDisposable
{
    public AShare(int length)
    {
        Own = new NativeArray(length);
        Next = new NativeArray(length);
    }

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
