using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Puma.Simd.Elementwise;

namespace Puma.Simd;

public static partial class Ring
{
    /// <summary>Writes <c>destination[i] = x[i] &gt;&gt; shift</c> reading <c>x[i]</c> as two's complement (sign-filling), as local truncation of fixed-point shares needs.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shift"/> is outside 0..63.</exception>
    public static void ShiftRightArithmetic(ReadOnlySpan<ulong> x, int shift, Span<ulong> destination)
    {
        ValidateShift(shift);
        Validate(x, destination);
        ElementwiseDriver.Run(new ShiftSource<ShiftRightArithmeticOperator>(x, shift), destination);
    }
}

/// <summary>Arithmetic right shift: vpsraq on AVX-512 (any width via VL); without AVX-512 the JIT emulates it with a sign compare and mask.</summary>
internal readonly struct ShiftRightArithmeticOperator : IShiftOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Invoke(ulong x, int shift) => (ulong)((long)x >> shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Invoke(Vector128<ulong> x, int shift) => Vector128.ShiftRightArithmetic(x.AsInt64(), shift).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Invoke(Vector256<ulong> x, int shift) => Vector256.ShiftRightArithmetic(x.AsInt64(), shift).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Invoke(Vector512<ulong> x, int shift) => Vector512.ShiftRightArithmetic(x.AsInt64(), shift).AsUInt64();
}
