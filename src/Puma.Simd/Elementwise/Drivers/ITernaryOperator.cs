using System.Runtime.Intrinsics;

namespace Puma.Simd.Elementwise;

/// <summary>A three-input operation on Z_2^64 lanes (fused kernels such as x·y + z).</summary>
internal interface ITernaryOperator
{
    static abstract ulong Invoke(ulong x, ulong y, ulong z);
    static abstract Vector128<ulong> Invoke(Vector128<ulong> x, Vector128<ulong> y, Vector128<ulong> z);
    static abstract Vector256<ulong> Invoke(Vector256<ulong> x, Vector256<ulong> y, Vector256<ulong> z);
    static abstract Vector512<ulong> Invoke(Vector512<ulong> x, Vector512<ulong> y, Vector512<ulong> z);
}
