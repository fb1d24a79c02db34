using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Puma.Simd.Elementwise;

/// <summary>
/// double → long with the scalar cast's .NET 9+ semantics (truncate, saturate to the 64-bit
/// extremes, NaN → 0) for inputs that are already integral, NaN or infinite.
/// </summary>
/// <remarks>
/// With AVX-512DQ the runtime's <c>ConvertToInt64</c> is vcvttpd2qq plus a fix-up and is used as is.
/// Without it (AVX2, SSE) the runtime falls back to one scalar conversion per lane through the
/// stack, so this helper splits the value into 32-bit halves that magic-number conversion handles
/// exactly and then patches the out-of-range and NaN lanes.
/// </remarks>
internal static class SaturatingConversion
{
    /// <summary>2^52 + 2^51: adding it to |v| &lt; 2^51 leaves round(v) in the low mantissa bits.</summary>
    private const double MagicBias = 6755399441055744.0;
    private const double TwoPow32 = 4294967296.0;
    private const double TwoPowMinus32 = 1.0 / 4294967296.0;
    private const double TwoPow63 = 9223372036854775808.0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> ToInt64(Vector512<double> integral) => Vector512.ConvertToInt64(integral);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> ToInt64(Vector256<double> integral)
    {
        if (Avx512DQ.VL.IsSupported) return Vector256.ConvertToInt64(integral);

        Vector256<double> bias = Vector256.Create(MagicBias);
        Vector256<double> highBiased = integral * TwoPowMinus32 + bias;
        Vector256<double> high = highBiased - bias;
        Vector256<double> low = integral - high * TwoPow32;
        Vector256<long> combined = ((highBiased.AsInt64() - bias.AsInt64()) << 32) + ((low + bias).AsInt64() - bias.AsInt64());
        combined = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(integral, Vector256.Create(TwoPow63)).AsInt64(), Vector256.Create(long.MaxValue), combined);
        combined = Vector256.ConditionalSelect(Vector256.LessThan(integral, Vector256.Create(-TwoPow63)).AsInt64(), Vector256.Create(long.MinValue), combined);
        return combined & Vector256.Equals(integral, integral).AsInt64();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> ToInt64(Vector128<double> integral)
    {
        if (Avx512DQ.VL.IsSupported) return Vector128.ConvertToInt64(integral);

        Vector128<double> bias = Vector128.Create(MagicBias);
        Vector128<double> highBiased = integral * TwoPowMinus32 + bias;
        Vector128<double> high = highBiased - bias;
        Vector128<double> low = integral - high * TwoPow32;
        Vector128<long> combined = ((highBiased.AsInt64() - bias.AsInt64()) << 32) + ((low + bias).AsInt64() - bias.AsInt64());
        combined = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(integral, Vector128.Create(TwoPow63)).AsInt64(), Vector128.Create(long.MaxValue), combined);
        combined = Vector128.ConditionalSelect(Vector128.LessThan(integral, Vector128.Create(-TwoPow63)).AsInt64(), Vector128.Create(long.MinValue), combined);
        return combined & Vector128.Equals(integral, integral).AsInt64();
    }
}
