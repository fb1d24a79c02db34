using System.Runtime.Intrinsics;

namespace Puma.Simd.Elementwise;

/// <summary>A shift of Z_2^64 lanes by a count in 0..63 shared by all lanes.</summary>
internal interface IShiftOperator
{
    static abstract ulong Invoke(ulong x, int shift);
    static abstract Vector128<ulong> Invoke(Vector128<ulong> x, int shift);
    static abstract Vector256<ulong> Invoke(Vector256<ulong> x, int shift);
    static abstract Vector512<ulong> Invoke(Vector512<ulong> x, int shift);
}
