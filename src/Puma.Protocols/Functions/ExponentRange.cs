namespace Puma.Protocols.Functions;

/// <summary>
/// Bit positions [<see cref="Low"/>, <see cref="High"/>) the highest set bit of a positive ring
/// element (its integer encoding X, not the real value) may take: 2^Low ≤ X &lt; 2^High.
/// Narrow ranges cost fewer comparisons (one per position).
/// </summary>
public readonly record struct ExponentRange(int Low, int High)
{
    /// <summary>Every positive fixed-point value that can be truncated: 1 ≤ X &lt; 2^61.</summary>
    public static ExponentRange Full { get; } = new(0, 61);

    public int Count => High - Low;

    /// <summary>The range of a real interval [min, max] at f fractional bits.</summary>
    public static ExponentRange ForValues(double min, double max, int fractionalBits)
        => new(Math.Max(0, (int)Math.Floor(Math.Log2(min) + fractionalBits)), Math.Min(61, (int)Math.Floor(Math.Log2(max) + fractionalBits) + 1));

    internal void Validate()
    {
        if (Low < 0 || High > 61 || Low >= High) throw new ArgumentOutOfRangeException(nameof(ExponentRange), this, "Positions are within [0, 61) and Low < High.");
    }
}
