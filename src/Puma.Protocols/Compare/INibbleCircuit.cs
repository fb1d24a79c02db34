using System.Numerics;
using System.Runtime.CompilerServices;

namespace Puma.Protocols.Compare;

/// <summary>
/// A boolean function of two 64-bit operands, A (known to the chunk holder) and B (known to the
/// other two parties), that splits into the same function of each aligned nibble pair: 16
/// nibbles, each mapped to <see cref="OutputBits"/>/16 output bits. <see cref="NibbleStage{TCircuit}"/>
/// turns it into replicated boolean shares in two rounds. Members are generic over the word type
/// so that one definition serves a single word and every lane of a vector (<see cref="IWordLanes{T}"/>).
/// </summary>
internal interface INibbleCircuit
{
    /// <summary>16 (one output plane) or 32 (two planes: bits 0..15 and 16..31).</summary>
    static abstract int OutputBits { get; }

    /// <summary>A from M = x_k + x_{k+1}.</summary>
    static abstract T HolderOperand<T>(T m) where T : IShiftOperators<T, int, T>, IUnaryNegationOperators<T, T>;

    /// <summary>B from N = x_{k+2}.</summary>
    static abstract T PairOperand<T>(T n) where T : IShiftOperators<T, int, T>, IUnaryNegationOperators<T, T>;

    /// <summary>
    /// Whether the protocol needs bit 63 of M and of N besides the circuit: the holder shares M's
    /// along with the monomials, N's is a free share. Without them the extra bits are zero.
    /// </summary>
    static abstract bool SharesTopBits { get; }

    /// <summary>
    /// The nibbles (k = 0..15, as bits 4k..4k+3 set) that are the top nibble of a narrower operand
    /// packed into the word, where <see cref="Evaluate"/> may compute a different function.
    /// </summary>
    static abstract ulong TopNibbles { get; }

    /// <summary>
    /// Evaluates nibbles on bit planes: a_i and b_i hold bit i of a nibble in each bit position,
    /// and output bit q depends only on input bits q, so callers may fill all 64 positions (e.g.
    /// the 4 pattern slots of each of 16 nibbles); <paramref name="top"/> is all-ones at the
    /// positions that belong to a nibble of <see cref="TopNibbles"/>. Returns the first output plane
    /// and the second (ignored when <see cref="OutputBits"/> is 16); the stage places the second in bits 16..31.
    /// </summary>
    static abstract (T First, T Second) Evaluate<T>(T a0, T a1, T a2, T a3, T b0, T b1, T b2, T b3, T top) where T : IBitwiseOperators<T, T, T>;
}

/// <summary>
/// Generate (bits 0..15) and propagate (bits 16..31) of each nibble of (M&lt;&lt;1) + (N&lt;&lt;1).
/// The shift moves bits 0..62 to positions 1..63 over a zero position 0, so the group generate
/// over all 64 positions is the carry into bit 63 of M + N; bit 63 of M and N come as extras.
/// </summary>
internal readonly struct CarryNibbles : INibbleCircuit
{
    public static int OutputBits => 32;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T HolderOperand<T>(T m) where T : IShiftOperators<T, int, T>, IUnaryNegationOperators<T, T> => m << 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T PairOperand<T>(T n) where T : IShiftOperators<T, int, T>, IUnaryNegationOperators<T, T> => n << 1;

    public static bool SharesTopBits => true;

    public static ulong TopNibbles => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (T First, T Second) Evaluate<T>(T a0, T a1, T a2, T a3, T b0, T b1, T b2, T b3, T top) where T : IBitwiseOperators<T, T, T>
    {
        T p0 = a0 ^ b0, p1 = a1 ^ b1, p2 = a2 ^ b2, p3 = a3 ^ b3;
        T generate = (a3 & b3) ^ (p3 & ((a2 & b2) ^ (p2 & ((a1 & b1) ^ (p1 & a0 & b0)))));
        return (generate, p3 & p2 & p1 & p0);
    }
}

/// <summary>Per nibble: 1 when the nibbles of M and -N are equal, i.e. x = M + N is zero there.</summary>
internal readonly struct EqualityNibbles : INibbleCircuit
{
    public static int OutputBits => 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T HolderOperand<T>(T m) where T : IShiftOperators<T, int, T>, IUnaryNegationOperators<T, T> => m;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T PairOperand<T>(T n) where T : IShiftOperators<T, int, T>, IUnaryNegationOperators<T, T> => -n;

    public static bool SharesTopBits => false;

    public static ulong TopNibbles => 0;

    /// <summary>The second plane is ignored; the first is returned twice, as <typeparamref name="T"/> offers no zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (T First, T Second) Evaluate<T>(T a0, T a1, T a2, T a3, T b0, T b1, T b2, T b3, T top) where T : IBitwiseOperators<T, T, T>
    {
        T equal = ~((a0 ^ b0) | (a1 ^ b1) | (a2 ^ b2) | (a3 ^ b3));
        return (equal, equal);
    }
}

/// <summary>
/// Two 32-bit operands per word (<see cref="CoarseMsbA"/>): for each half, its sign bit of A + B
/// (mod 2^32) as the group generate of its 8 nibbles, and no carry between the halves. A low
/// nibble gives generate (bits 0..15) and propagate (bits 16..31) as usual; a top nibble (7 and
/// 15) gives G = its sum bit 3 with no carry into the nibble, and P = whether such a carry would
/// flip that bit (p0·p1·p2). Combining groups as G_hi ^ (P_hi &amp; G_lo) then yields the sum bit
/// 31 of each half, A31 ^ B31 ^ carry, with no extra bits to share.
/// </summary>
internal readonly struct WindowCarryNibbles : INibbleCircuit
{
    public static int OutputBits => 32;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T HolderOperand<T>(T m) where T : IShiftOperators<T, int, T>, IUnaryNegationOperators<T, T> => m;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T PairOperand<T>(T n) where T : IShiftOperators<T, int, T>, IUnaryNegationOperators<T, T> => n;

    public static bool SharesTopBits => false;

    public static ulong TopNibbles => 0xF000_0000_F000_0000UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (T First, T Second) Evaluate<T>(T a0, T a1, T a2, T a3, T b0, T b1, T b2, T b3, T top) where T : IBitwiseOperators<T, T, T>
    {
        T p0 = a0 ^ b0, p1 = a1 ^ b1, p2 = a2 ^ b2, p3 = a3 ^ b3;
        T carryInto3 = (a2 & b2) ^ (p2 & ((a1 & b1) ^ (p1 & a0 & b0)));
        T lowPropagate = p2 & p1 & p0;
        T generate = (a3 & b3) ^ (p3 & carryInto3);
        T topGenerate = p3 ^ carryInto3;
        T propagate = p3 & lowPropagate;
        return (generate ^ ((generate ^ topGenerate) & top), propagate ^ ((propagate ^ lowPropagate) & top));
    }
}
