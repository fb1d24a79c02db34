using System.Runtime.Intrinsics;

namespace Puma.Simd.Elementwise;

/// <summary>A two-input operation on Z_2^64 lanes, given for a scalar and for each vector width.</summary>
internal interface IBinaryOperator
{
    static abstract ulong Invoke(ulong x, ulong y);
    static abstract Vector128<ulong> Invoke(Vector128<ulong> x, Vector128<ulong> y);
    static abstract Vector256<ulong> Invoke(Vector256<ulong> x, Vector256<ulong> y);
    static abstract Vector512<ulong> Invoke(Vector512<ulong> x, Vector512<ulong> y);
}
