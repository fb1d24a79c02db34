using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Puma.Simd.Elementwise;

/// <summary>Lanes of <c>x[i]·y + z[i]</c> for two input spans and one scalar, broadcast once.</summary>
internal readonly ref struct ScaledAddSource : ILaneSource
{
    private readonly ref ulong _x;
    private readonly ulong _y;
    private readonly ref ulong _z;

    public ScaledAddSource(ReadOnlySpan<ulong> x, ulong y, ReadOnlySpan<ulong> z)
    {
        _x = ref MemoryMarshal.GetReference(x);
        _y = y;
        _z = ref MemoryMarshal.GetReference(z);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Invoke(nuint index) => Unsafe.Add(ref _x, index) * _y + Unsafe.Add(ref _z, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<ulong> Invoke128(nuint index) => Vector128.LoadUnsafe(ref _x, index) * Vector128.Create(_y) + Vector128.LoadUnsafe(ref _z, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<ulong> Invoke256(nuint index) => Vector256.LoadUnsafe(ref _x, index) * Vector256.Create(_y) + Vector256.LoadUnsafe(ref _z, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<ulong> Invoke512(nuint index) => Vector512.LoadUnsafe(ref _x, index) * Vector512.Create(_y) + Vector512.LoadUnsafe(ref _z, index);
}
