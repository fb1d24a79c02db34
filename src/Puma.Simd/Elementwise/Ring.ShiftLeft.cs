using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Puma.Simd.Elementwise;

namespace Puma.Simd;

public static partial class Ring
{
    /// <summary>Writes <c>destination[i] = x[i] &lt;&lt; shift</c> (multiplication by 2^shift mod 2^64).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shift"/> is outside 0..63.</exception>
    public static void ShiftLeft(ReadOnlySpan<ulong> x, int shift, Span<ulong> destination)
    {
        ValidateShift(shift);
        Validate(x, destination);
        ElementwiseDriver.Run(new ShiftSource<ShiftLeftOperator>(x, shift), destination);
    }
}

/// <summary>Logical left shift.</summary>
internal readonly struct ShiftLeftOperator : IShiftOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Invoke(ulong x, int shift) => x << shift;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Invoke(Vector128<ulong> x, int shift) => Vector128.ShiftLeft(x, shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Invoke(Vector256<ulong> x, int shift) => Vector256.ShiftLeft(x, shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Invoke(Vector512<ulong> x, int shift) => Vector512.ShiftLeft(x, shift);
}
