using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Puma.Simd.Elementwise;

namespace Puma.Simd;

public static partial class Ring
{
    /// <summary>Writes <c>destination[i] = x[i] &gt;&gt;&gt; shift</c> (zero-filling).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shift"/> is outside 0..63.</exception>
    public static void ShiftRightLogical(ReadOnlySpan<ulong> x, int shift, Span<ulong> destination)
    {
        ValidateShift(shift);
        Validate(x, destination);
        ElementwiseDriver.Run(new ShiftSource<ShiftRightLogicalOperator>(x, shift), destination);
    }
}

/// <summary>Logical right shift.</summary>
internal readonly struct ShiftRightLogicalOperator : IShiftOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Invoke(ulong x, int shift) => x >> shift;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Invoke(Vector128<ulong> x, int shift) => Vector128.ShiftRightLogical(x, shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Invoke(Vector256<ulong> x, int shift) => Vector256.ShiftRightLogical(x, shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Invoke(Vector512<ulong> x, int shift) => Vector512.ShiftRightLogical(x, shift);
}
