using System.Runtime.Intrinsics;

namespace Puma.Simd.Elementwise;

/// <summary>A one-input operation on Z_2^64 lanes, given for a scalar and for each vector width.</summary>
internal interface IUnaryOperator
{
    static abstract ulong Invoke(ulong x);
    static abstract Vector128<ulong> Invoke(Vector128<ulong> x);
    static abstract Vector256<ulong> Invoke(Vector256<ulong> x);
    static abstract Vector512<ulong> Invoke(Vector512<ulong> x);
}
