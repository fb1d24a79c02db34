using System.Runtime.Intrinsics;

namespace Puma.Simd.Elementwise;

/// <summary>
/// Produces the 64-bit result lanes of an elementwise kernel at a given element index, one lane or
/// one vector at a time. The shape of the inputs (two spans, span and scalar, one span, ...) lives in
/// the implementing struct, so that <see cref="ElementwiseDriver"/> writes the loop only once.
/// </summary>
internal interface ILaneSource
{
    /// <summary>Result lane for element <paramref name="index"/>.</summary>
    ulong Invoke(nuint index);

    /// <summary>Result lanes for elements <paramref name="index"/> .. +1.</summary>
    Vector128<ulong> Invoke128(nuint index);

    /// <summary>Result lanes for elements <paramref name="index"/> .. +3.</summary>
    Vector256<ulong> Invoke256(nuint index);

    /// <summary>Result lanes for elements <paramref name="index"/> .. +7.</summary>
    Vector512<ulong> Invoke512(nuint index);
}
