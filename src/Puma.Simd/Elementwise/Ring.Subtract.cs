using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Puma.Simd.Elementwise;

namespace Puma.Simd;

public static partial class Ring
{
    /// <summary>Writes <c>destination[i] = x[i] − y[i]</c> (mod 2^64).</summary>
    public static void Subtract(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> destination)
    {
        Validate(x, y, destination);
        ElementwiseDriver.Run(new BinarySource<SubtractOperator>(x, y), destination);
    }

    /// <summary>Writes <c>destination[i] = x[i] − y</c> (mod 2^64), e.g. removing a public offset from a share.</summary>
    public static void Subtract(ReadOnlySpan<ulong> x, ulong y, Span<ulong> destination)
    {
        Validate(x, destination);
        ElementwiseDriver.Run(new BinaryScalarSource<SubtractOperator>(x, y), destination);
    }

    /// <summary>Writes <c>destination[i] = x − y[i]</c> (mod 2^64), e.g. a public constant minus a share.</summary>
    public static void Subtract(ulong x, ReadOnlySpan<ulong> y, Span<ulong> destination)
    {
        Validate(y, destination);
        ElementwiseDriver.Run(new BinaryScalarSource<ReverseSubtractOperator>(y, x), destination);
    }
}

/// <summary>Wrapping subtraction.</summary>
internal readonly struct SubtractOperator : IBinaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Invoke(ulong x, ulong y) => x - y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Invoke(Vector128<ulong> x, Vector128<ulong> y) => x - y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Invoke(Vector256<ulong> x, Vector256<ulong> y) => x - y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Invoke(Vector512<ulong> x, Vector512<ulong> y) => x - y;
}

/// <summary>Wrapping subtraction with the operands swapped (<c>y − x</c>), so a scalar minuend can use the span-scalar source.</summary>
internal readonly struct ReverseSubtractOperator : IBinaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Invoke(ulong x, ulong y) => y - x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Invoke(Vector128<ulong> x, Vector128<ulong> y) => y - x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Invoke(Vector256<ulong> x, Vector256<ulong> y) => y - x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Invoke(Vector512<ulong> x, Vector512<ulong> y) => y - x;
}
