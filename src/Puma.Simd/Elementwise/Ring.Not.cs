using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Puma.Simd.Elementwise;

namespace Puma.Simd;

public static partial class Ring
{
    /// <summary>Writes <c>destination[i] = ~x[i]</c>.</summary>
    public static void Not(ReadOnlySpan<ulong> x, Span<ulong> destination)
    {
        Validate(x, destination);
        ElementwiseDriver.Run(new UnarySource<NotOperator>(x), destination);
    }
}

/// <summary>Bitwise complement.</summary>
internal readonly struct NotOperator : IUnaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Invoke(ulong x) => ~x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Invoke(Vector128<ulong> x) => ~x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Invoke(Vector256<ulong> x) => ~x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Invoke(Vector512<ulong> x) => ~x;
}
