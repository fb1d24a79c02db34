namespace Puma.Simd;

/// <summary>
/// Fixed-point encoding of reals into Z_2^64: <c>v ↦ round(v·2^f)</c> in two's complement
/// (round half to even). Out-of-range values saturate to the 64-bit extremes; NaN encodes as 0.
/// </summary>
public static class FixedPoint
{
    /// <summary>PUMA's default number of fractional bits.</summary>
    public const int DefaultFractionalBits = 18;

    public static ulong Encode(double value, int fractionalBits = DefaultFractionalBits)
        => (ulong)(long)Math.Round(value * Math.ScaleB(1.0, fractionalBits), MidpointRounding.ToEven);

    public static double Decode(ulong value, int fractionalBits = DefaultFractionalBits)
        => (long)value * Math.ScaleB(1.0, -fractionalBits);

    public static void Encode(ReadOnlySpan<double> values, Span<ulong> destination, int fractionalBits = DefaultFractionalBits)
    {
        if (values.Length != destination.Length) throw new ArgumentException("Lengths differ.", nameof(destination));
        for (int i = 0; i < values.Length; i++) destination[i] = Encode(values[i], fractionalBits);
    }

    public static void Encode(ReadOnlySpan<float> values, Span<ulong> destination, int fractionalBits = DefaultFractionalBits)
    {
        if (values.Length != destination.Length) throw new ArgumentException("Lengths differ.", nameof(destination));
        for (int i = 0; i < values.Length; i++) destination[i] = Encode(values[i], fractionalBits);
    }

    public static void Decode(ReadOnlySpan<ulong> values, Span<double> destination, int fractionalBits = DefaultFractionalBits)
    {
        if (values.Length != destination.Length) throw new ArgumentException("Lengths differ.", nameof(destination));
        for (int i = 0; i < values.Length; i++) destination[i] = Decode(values[i], fractionalBits);
    }

    public static void Decode(ReadOnlySpan<ulong> values, Span<float> destination, int fractionalBits = DefaultFractionalBits)
    {
        if (values.Length != destination.Length) throw new ArgumentException("Lengths differ.", nameof(destination));
        for (int i = 0; i < values.Length; i++) destination[i] = (float)Decode(values[i], fractionalBits);
    }
}
