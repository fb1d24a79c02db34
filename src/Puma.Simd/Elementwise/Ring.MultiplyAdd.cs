using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Puma.Simd.Elementwise;

namespace Puma.Simd;

public static partial class Ring
{
    /// <summary>
    /// Writes <c>destination[i] = x[i] · y[i] + z[i]</c> (mod 2^64) in one pass: replicated-sharing
    /// multiplication accumulates cross products of shares, and fusing saves a full read and write
    /// of the destination per term.
    /// </summary>
    public static void MultiplyAdd(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, ReadOnlySpan<ulong> z, Span<ulong> destination)
    {
        Validate(x, y, z, destination);
        ElementwiseDriver.Run(new TernarySource<MultiplyAddOperator>(x, y, z), destination);
    }

    /// <summary>
    /// Writes <c>destination[i] = x[i] · y + z[i]</c> (mod 2^64) in one pass: a public linear
    /// combination of shares accumulates term by term without a scaled temporary.
    /// </summary>
    public static void MultiplyAdd(ReadOnlySpan<ulong> x, ulong y, ReadOnlySpan<ulong> z, Span<ulong> destination)
    {
        Validate(x, z, destination);
        ElementwiseDriver.Run(new ScaledAddSource(x, y, z), destination);
    }
}

/// <summary>Wrapping <c>x · y + z</c>.</summary>
internal readonly struct MultiplyAddOperator : ITernaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Invoke(ulong x, ulong y, ulong z) => x * y + z;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Invoke(Vector128<ulong> x, Vector128<ulong> y, Vector128<ulong> z) => x * y + z;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Invoke(Vector256<ulong> x, Vector256<ulong> y, Vector256<ulong> z) => x * y + z;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Invoke(Vector512<ulong> x, Vector512<ulong> y, Vector512<ulong> z) => x * y + z;
}
