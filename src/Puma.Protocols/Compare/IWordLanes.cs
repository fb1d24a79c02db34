using System.Numerics;

namespace Puma.Protocols.Compare;

/// <summary>
/// A group of 64-bit words handled as one value by <see cref="NibbleKernels{TCircuit}"/>: one word
/// (<see cref="ScalarWords"/>) or the lanes of a 128-, 256- or 512-bit vector
/// (<see cref="Vector128Words"/>, <see cref="Vector256Words"/>, <see cref="Vector512Words"/>). The
/// kernels are written once against this interface, so every width runs the same formulas and gives
/// the same bits. The vector types wrap <c>Vector128/256/512&lt;ulong&gt;</c> because those do not
/// expose the generic-math operator interfaces.
/// </summary>
internal interface IWordLanes<TSelf> :
    IBitwiseOperators<TSelf, TSelf, TSelf>, IShiftOperators<TSelf, int, TSelf>, IAdditionOperators<TSelf, TSelf, TSelf>,
    ISubtractionOperators<TSelf, TSelf, TSelf>, IUnaryNegationOperators<TSelf, TSelf>
    where TSelf : struct, IWordLanes<TSelf>
{
    /// <summary>Words per value.</summary>
    static abstract int Count { get; }

    /// <summary><paramref name="word"/> in every lane.</summary>
    static abstract TSelf Broadcast(ulong word);

    /// <summary>Words <paramref name="index"/>.. of <paramref name="source"/>; the caller keeps them in range.</summary>
    static abstract TSelf Load(ReadOnlySpan<ulong> source, int index);

    /// <summary>The lanes to words <paramref name="index"/>.. of <paramref name="destination"/>; the caller keeps them in range.</summary>
    static abstract void Store(TSelf value, Span<ulong> destination, int index);

    /// <summary>The low 16 bits of each lane to <paramref name="destination"/>[<paramref name="index"/> + lane]; the caller keeps them in range.</summary>
    static abstract void StoreLow16(TSelf value, Span<ushort> destination, int index);

    /// <summary>The low 32 bits of each lane to <paramref name="destination"/>[<paramref name="index"/> + lane]; the caller keeps them in range.</summary>
    static abstract void StoreLow32(TSelf value, Span<uint> destination, int index);

    /// <summary>Bit 63 of each lane, lane j at bit j.</summary>
    static abstract ulong TopBits(TSelf value);
}
