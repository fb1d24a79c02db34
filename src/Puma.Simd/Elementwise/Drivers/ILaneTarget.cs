using System.Runtime.Intrinsics;

namespace Puma.Simd.Elementwise;

/// <summary>
/// How 64-bit result lanes are written into a destination of <typeparamref name="TDestination"/>
/// elements: ring results and doubles are stored as they are; narrower destinations (float)
/// convert on the way out. Stateless, so the driver keeps the destination reference in a register.
/// </summary>
internal interface ILaneTarget<TDestination>
{
    /// <summary>Stores one lane at element <paramref name="index"/>.</summary>
    static abstract void Store(ulong lane, ref TDestination destination, nuint index);

    /// <summary>Stores two lanes starting at element <paramref name="index"/>.</summary>
    static abstract void Store128(Vector128<ulong> lanes, ref TDestination destination, nuint index);

    /// <summary>Stores four lanes starting at element <paramref name="index"/>.</summary>
    static abstract void Store256(Vector256<ulong> lanes, ref TDestination destination, nuint index);

    /// <summary>Stores eight lanes starting at element <paramref name="index"/>.</summary>
    static abstract void Store512(Vector512<ulong> lanes, ref TDestination destination, nuint index);
}
