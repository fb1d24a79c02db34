namespace Puma.Simd;

/// <summary>
/// Fixed-point encoding of reals into Z_2^64: <c>v ↦ round(v·2^f)</c> in two's complement
/// (round half to even). Out-of-range values saturate to the 64-bit extremes; NaN encodes as 0.
/// The span overloads (under <c>Elementwise/</c>) are vectorized and bit-identical to these scalars.
/// </summary>
public static partial class FixedPoint
{
    /// <summary>PUMA's default number of fractional bits.</summary>
    public const int DefaultFractionalBits = 18;

    public static ulong Encode(double value, int fractionalBits = DefaultFractionalBits)
        => EncodeScaled(value, Math.ScaleB(1.0, fractionalBits));

    public static double Decode(ulong value, int fractionalBits = DefaultFractionalBits)
        => DecodeScaled(value, Math.ScaleB(1.0, -fractionalBits));

    /// <summary>The scalar reference: one IEEE multiply, round half to even, saturating cast.</summary>
    internal static ulong EncodeScaled(double value, double scale)
        => (ulong)(long)Math.Round(value * scale, MidpointRounding.ToEven);

    /// <summary>The scalar reference: exact-rounded int64 → double, then one IEEE multiply.</summary>
    internal static double DecodeScaled(ulong value, double scale)
        => (long)value * scale;
}
