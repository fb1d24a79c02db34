namespace Puma.Protocols.Compare;

/// <summary>
/// A boolean function of two 64-bit operands, A (known to the chunk holder) and B (known to the
/// other two parties), that splits into the same function of each aligned nibble pair: 16
/// nibbles, each mapped to <see cref="OutputBits"/>/16 output bits. <see cref="NibbleStage{TCircuit}"/>
/// turns it into replicated boolean shares in two rounds.
/// </summary>
internal interface INibbleCircuit
{
    /// <summary>16 (one output plane) or 32 (two planes: bits 0..15 and 16..31).</summary>
    static abstract int OutputBits { get; }

    /// <summary>A from M = x_k + x_{k+1}.</summary>
    static abstract ulong HolderOperand(ulong m);

    /// <summary>B from N = x_{k+2}.</summary>
    static abstract ulong PairOperand(ulong n);

    /// <summary>A bit of M the protocol needs besides the circuit (shared along with it).</summary>
    static abstract ulong HolderExtraBit(ulong m);

    /// <summary>A bit of N the protocol needs besides the circuit (a free share).</summary>
    static abstract ulong PairExtraBit(ulong n);

    /// <summary>
    /// Evaluates nibbles on bit planes: a_i and b_i hold bit i of a nibble in each bit position,
    /// and output bit q depends only on input bits q, so callers may fill all 64 positions (e.g.
    /// four 16-nibble lanes). Returns the first output plane and the second (zero when
    /// <see cref="OutputBits"/> is 16); the stage places the second in bits 16..31.
    /// </summary>
    static abstract (ulong First, ulong Second) Evaluate(ulong a0, ulong a1, ulong a2, ulong a3, ulong b0, ulong b1, ulong b2, ulong b3);
}

/// <summary>
/// Generate (bits 0..15) and propagate (bits 16..31) of each nibble of (M&lt;&lt;1) + (N&lt;&lt;1).
/// The shift moves bits 0..62 to positions 1..63 over a zero position 0, so the group generate
/// over all 64 positions is the carry into bit 63 of M + N; bit 63 of M and N come as extras.
/// </summary>
internal readonly struct CarryNibbles : INibbleCircuit
{
    public static int OutputBits => 32;

    public static ulong HolderOperand(ulong m) => m << 1;

    public static ulong PairOperand(ulong n) => n << 1;

    public static ulong HolderExtraBit(ulong m) => m >> 63;

    public static ulong PairExtraBit(ulong n) => n >> 63;

    public static (ulong First, ulong Second) Evaluate(ulong a0, ulong a1, ulong a2, ulong a3, ulong b0, ulong b1, ulong b2, ulong b3)
    {
        ulong p0 = a0 ^ b0, p1 = a1 ^ b1, p2 = a2 ^ b2, p3 = a3 ^ b3;
        ulong generate = (a3 & b3) ^ (p3 & ((a2 & b2) ^ (p2 & ((a1 & b1) ^ (p1 & a0 & b0)))));
        return (generate, p3 & p2 & p1 & p0);
    }
}

/// <summary>Per nibble: 1 when the nibbles of M and -N are equal, i.e. x = M + N is zero there.</summary>
internal readonly struct EqualityNibbles : INibbleCircuit
{
    public static int OutputBits => 16;

    public static ulong HolderOperand(ulong m) => m;

    public static ulong PairOperand(ulong n) => 0UL - n;

    public static ulong HolderExtraBit(ulong m) => 0;

    public static ulong PairExtraBit(ulong n) => 0;

    public static (ulong First, ulong Second) Evaluate(ulong a0, ulong a1, ulong a2, ulong a3, ulong b0, ulong b1, ulong b2, ulong b3)
        => (~((a0 ^ b0) | (a1 ^ b1) | (a2 ^ b2) | (a3 ^ b3)), 0);
}
