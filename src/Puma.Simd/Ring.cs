using Puma.Simd.Elementwise;

namespace Puma.Simd;

/// <summary>
/// Elementwise arithmetic and bit operations on Z_2^64 (wrapping <see cref="ulong"/>).
/// Every method writes <c>destination[i] = op(x[i], y[i])</c>; the destination may alias an input
/// exactly (in place) but must not partially overlap one (that throws <see cref="ArgumentException"/>).
/// Lengths must match. Each operation lives in its own file under <c>Elementwise/</c>; all of them
/// run on AVX-512, AVX2, SSE or plain scalar code with bit-identical results.
/// </summary>
public static partial class Ring
{
    private static void Validate(ReadOnlySpan<ulong> x, Span<ulong> destination)
    {
        Aliasing.ThrowIfLengthsDiffer(x.Length, destination.Length, nameof(destination));
        Aliasing.ThrowIfPartialOverlap(x, destination);
    }

    private static void Validate(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> destination)
    {
        Aliasing.ThrowIfLengthsDiffer(x.Length, y.Length, nameof(y));
        Validate(x, destination);
        Aliasing.ThrowIfPartialOverlap(y, destination);
    }

    private static void Validate(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, ReadOnlySpan<ulong> z, Span<ulong> destination)
    {
        Aliasing.ThrowIfLengthsDiffer(x.Length, z.Length, nameof(z));
        Validate(x, y, destination);
        Aliasing.ThrowIfPartialOverlap(z, destination);
    }

    private static void ValidateShift(int shift)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shift);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shift, 63);
    }
}
