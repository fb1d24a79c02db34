using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Puma.Simd.Elementwise;

/// <summary>Lanes of <c>op(x[i], y)</c> for an input span and one scalar, broadcast once.</summary>
internal readonly ref struct BinaryScalarSource<TOperator> : ILaneSource
    where TOperator : IBinaryOperator
{
    private readonly ref ulong _x;
    private readonly ulong _y;

    public BinaryScalarSource(ReadOnlySpan<ulong> x, ulong y)
    {
        _x = ref MemoryMarshal.GetReference(x);
        _y = y;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Invoke(nuint index) => TOperator.Invoke(Unsafe.Add(ref _x, index), _y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<ulong> Invoke128(nuint index) => TOperator.Invoke(Vector128.LoadUnsafe(ref _x, index), Vector128.Create(_y));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<ulong> Invoke256(nuint index) => TOperator.Invoke(Vector256.LoadUnsafe(ref _x, index), Vector256.Create(_y));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<ulong> Invoke512(nuint index) => TOperator.Invoke(Vector512.LoadUnsafe(ref _x, index), Vector512.Create(_y));
}
