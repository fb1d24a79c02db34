using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Puma.Simd.Elementwise;

namespace Puma.Simd;

public static partial class Ring
{
    /// <summary>Writes <c>destination[i] = −x[i]</c> (mod 2^64).</summary>
    public static void Negate(ReadOnlySpan<ulong> x, Span<ulong> destination)
    {
        Validate(x, destination);
        ElementwiseDriver.Run(new UnarySource<NegateOperator>(x), destination);
    }
}

/// <summary>Additive inverse in Z_2^64.</summary>
internal readonly struct NegateOperator : IUnaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Invoke(ulong x) => 0UL - x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Invoke(Vector128<ulong> x) => -x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Invoke(Vector256<ulong> x) => -x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Invoke(Vector512<ulong> x) => -x;
}
