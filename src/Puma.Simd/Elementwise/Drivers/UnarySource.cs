using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Puma.Simd.Elementwise;

/// <summary>Lanes of <c>op(x[i])</c> for one input span.</summary>
internal readonly ref struct UnarySource<TOperator> : ILaneSource
    where TOperator : IUnaryOperator
{
    private readonly ref ulong _x;

    public UnarySource(ReadOnlySpan<ulong> x) => _x = ref MemoryMarshal.GetReference(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Invoke(nuint index) => TOperator.Invoke(Unsafe.Add(ref _x, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<ulong> Invoke128(nuint index) => TOperator.Invoke(Vector128.LoadUnsafe(ref _x, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<ulong> Invoke256(nuint index) => TOperator.Invoke(Vector256.LoadUnsafe(ref _x, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<ulong> Invoke512(nuint index) => TOperator.Invoke(Vector512.LoadUnsafe(ref _x, index));
}
