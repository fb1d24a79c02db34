using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Puma.Simd.Elementwise;

/// <summary>Lanes of <c>op(x[i], y[i], z[i])</c> for three input spans.</summary>
internal readonly ref struct TernarySource<TOperator> : ILaneSource
    where TOperator : ITernaryOperator
{
    private readonly ref ulong _x;
    private readonly ref ulong _y;
    private readonly ref ulong _z;

    public TernarySource(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, ReadOnlySpan<ulong> z)
    {
        _x = ref MemoryMarshal.GetReference(x);
        _y = ref MemoryMarshal.GetReference(y);
        _z = ref MemoryMarshal.GetReference(z);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Invoke(nuint index)
        => TOperator.Invoke(Unsafe.Add(ref _x, index), Unsafe.Add(ref _y, index), Unsafe.Add(ref _z, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<ulong> Invoke128(nuint index)
        => TOperator.Invoke(Vector128.LoadUnsafe(ref _x, index), Vector128.LoadUnsafe(ref _y, index), Vector128.LoadUnsafe(ref _z, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<ulong> Invoke256(nuint index)
        => TOperator.Invoke(Vector256.LoadUnsafe(ref _x, index), Vector256.LoadUnsafe(ref _y, index), Vector256.LoadUnsafe(ref _z, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<ulong> Invoke512(nuint index)
        => TOperator.Invoke(Vector512.LoadUnsafe(ref _x, index), Vector512.LoadUnsafe(ref _y, index), Vector512.LoadUnsafe(ref _z, index));
}
