using System.Runtime.Intrinsics;

namespace Puma.Simd.Elementwise;

/// <summary>
/// Writes 64-bit result lanes into a destination at a given element index. Ring results and
/// doubles are stored as they are; narrower destinations (float) convert on the way out.
/// </summary>
internal interface ILaneTarget
{
    /// <summary>Stores one lane at element <paramref name="index"/>.</summary>
    void Store(ulong lane, nuint index);

    /// <summary>Stores two lanes starting at element <paramref name="index"/>.</summary>
    void Store128(Vector128<ulong> lanes, nuint index);

    /// <summary>Stores four lanes starting at element <paramref name="index"/>.</summary>
    void Store256(Vector256<ulong> lanes, nuint index);

    /// <summary>Stores eight lanes starting at element <paramref name="index"/>.</summary>
    void Store512(Vector512<ulong> lanes, nuint index);
}
