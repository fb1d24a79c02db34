using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Puma.Simd.Elementwise;

namespace Puma.Simd;

public static partial class Ring
{
    /// <summary>Writes <c>destination[i] = x[i] &amp; y[i]</c>.</summary>
    public static void And(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> destination)
    {
        Validate(x, y, destination);
        ElementwiseDriver.Run(new BinarySource<AndOperator>(x, y), destination);
    }

    /// <summary>Writes <c>destination[i] = x[i] &amp; y</c>.</summary>
    public static void And(ReadOnlySpan<ulong> x, ulong y, Span<ulong> destination)
    {
        Validate(x, destination);
        ElementwiseDriver.Run(new BinaryScalarSource<AndOperator>(x, y), destination);
    }
}

/// <summary>Bitwise and (multiplication in Z_2 per bit).</summary>
internal readonly struct AndOperator : IBinaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Invoke(ulong x, ulong y) => x & y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Invoke(Vector128<ulong> x, Vector128<ulong> y) => x & y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Invoke(Vector256<ulong> x, Vector256<ulong> y) => x & y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Invoke(Vector512<ulong> x, Vector512<ulong> y) => x & y;
}
