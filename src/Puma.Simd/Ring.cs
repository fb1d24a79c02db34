namespace Puma.Simd;

/// <summary>
/// Elementwise arithmetic and bit operations on Z_2^64 (wrapping <see cref="ulong"/>).
/// Every method writes <c>destination[i] = op(x[i], y[i])</c>; the destination may alias an input
/// exactly (in place) but must not partially overlap one. Lengths must match.
/// </summary>
public static class Ring
{
    public static void Add(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> destination)
    {
        Check(x, y, destination);
        for (int i = 0; i < x.Length; i++) destination[i] = x[i] + y[i];
    }

    public static void Add(ReadOnlySpan<ulong> x, ulong y, Span<ulong> destination)
    {
        Check(x, destination);
        for (int i = 0; i < x.Length; i++) destination[i] = x[i] + y;
    }

    public static void Subtract(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> destination)
    {
        Check(x, y, destination);
        for (int i = 0; i < x.Length; i++) destination[i] = x[i] - y[i];
    }

    public static void Negate(ReadOnlySpan<ulong> x, Span<ulong> destination)
    {
        Check(x, destination);
        for (int i = 0; i < x.Length; i++) destination[i] = 0UL - x[i];
    }

    public static void Multiply(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> destination)
    {
        Check(x, y, destination);
        for (int i = 0; i < x.Length; i++) destination[i] = x[i] * y[i];
    }

    public static void Multiply(ReadOnlySpan<ulong> x, ulong y, Span<ulong> destination)
    {
        Check(x, destination);
        for (int i = 0; i < x.Length; i++) destination[i] = x[i] * y;
    }

    public static void ShiftLeft(ReadOnlySpan<ulong> x, int shift, Span<ulong> destination)
    {
        Check(x, destination);
        for (int i = 0; i < x.Length; i++) destination[i] = x[i] << shift;
    }

    public static void ShiftRightLogical(ReadOnlySpan<ulong> x, int shift, Span<ulong> destination)
    {
        Check(x, destination);
        for (int i = 0; i < x.Length; i++) destination[i] = x[i] >> shift;
    }

    public static void ShiftRightArithmetic(ReadOnlySpan<ulong> x, int shift, Span<ulong> destination)
    {
        Check(x, destination);
        for (int i = 0; i < x.Length; i++) destination[i] = (ulong)((long)x[i] >> shift);
    }

    public static void Xor(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> destination)
    {
        Check(x, y, destination);
        for (int i = 0; i < x.Length; i++) destination[i] = x[i] ^ y[i];
    }

    public static void Xor(ReadOnlySpan<ulong> x, ulong y, Span<ulong> destination)
    {
        Check(x, destination);
        for (int i = 0; i < x.Length; i++) destination[i] = x[i] ^ y;
    }

    public static void And(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> destination)
    {
        Check(x, y, destination);
        for (int i = 0; i < x.Length; i++) destination[i] = x[i] & y[i];
    }

    public static void And(ReadOnlySpan<ulong> x, ulong y, Span<ulong> destination)
    {
        Check(x, destination);
        for (int i = 0; i < x.Length; i++) destination[i] = x[i] & y;
    }

    public static void Not(ReadOnlySpan<ulong> x, Span<ulong> destination)
    {
        Check(x, destination);
        for (int i = 0; i < x.Length; i++) destination[i] = ~x[i];
    }

    private static void Check(ReadOnlySpan<ulong> x, Span<ulong> destination)
    {
        if (x.Length != destination.Length) throw new ArgumentException("Input and destination lengths differ.", nameof(destination));
    }

    private static void Check(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> destination)
    {
        if (x.Length != y.Length) throw new ArgumentException("Input lengths differ.", nameof(y));
        Check(x, destination);
    }
}
