using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Puma.Simd.Elementwise;

/// <summary>Lanes of <c>op(x[i], y[i])</c> for two input spans.</summary>
internal readonly ref struct BinarySource<TOperator> : ILaneSource
    where TOperator : IBinaryOperator
{
    private readonly ref ulong _x;
    private readonly ref ulong _y;

    public BinarySource(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y)
    {
        _x = ref MemoryMarshal.GetReference(x);
        _y = ref MemoryMarshal.GetReference(y);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Invoke(nuint index) => TOperator.Invoke(Unsafe.Add(ref _x, index), Unsafe.Add(ref _y, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<ulong> Invoke128(nuint index) => TOperator.Invoke(Vector128.LoadUnsafe(ref _x, index), Vector128.LoadUnsafe(ref _y, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<ulong> Invoke256(nuint index) => TOperator.Invoke(Vector256.LoadUnsafe(ref _x, index), Vector256.LoadUnsafe(ref _y, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<ulong> Invoke512(nuint index) => TOperator.Invoke(Vector512.LoadUnsafe(ref _x, index), Vector512.LoadUnsafe(ref _y, index));
}
