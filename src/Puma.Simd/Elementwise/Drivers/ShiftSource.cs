using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Puma.Simd.Elementwise;

/// <summary>Lanes of <c>op(x[i], shift)</c> for one input span and a count in 0..63.</summary>
internal readonly ref struct ShiftSource<TOperator> : ILaneSource
    where TOperator : IShiftOperator
{
    private readonly ref ulong _x;
    private readonly int _shift;

    public ShiftSource(ReadOnlySpan<ulong> x, int shift)
    {
        _x = ref MemoryMarshal.GetReference(x);
        _shift = shift;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Invoke(nuint index) => TOperator.Invoke(Unsafe.Add(ref _x, index), _shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<ulong> Invoke128(nuint index) => TOperator.Invoke(Vector128.LoadUnsafe(ref _x, index), _shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<ulong> Invoke256(nuint index) => TOperator.Invoke(Vector256.LoadUnsafe(ref _x, index), _shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<ulong> Invoke512(nuint index) => TOperator.Invoke(Vector512.LoadUnsafe(ref _x, index), _shift);
}
