using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Puma.Simd.Elementwise;

namespace Puma.Simd;

public static partial class FixedPoint
{
    /// <summary>Encodes each value as <see cref="Encode(double, int)"/> does.</summary>
    /// <remarks><paramref name="destination"/> may be <paramref name="values"/> itself reinterpreted as ulongs.</remarks>
    public static void Encode(ReadOnlySpan<double> values, Span<ulong> destination, int fractionalBits = DefaultFractionalBits)
    {
        Aliasing.ThrowIfLengthsDiffer(values.Length, destination.Length, nameof(destination));
        Aliasing.ThrowIfPartialOverlap(values, destination);
        ElementwiseDriver.Run(new EncodeDoubleSource(values, Math.ScaleB(1.0, fractionalBits)), destination);
    }

    /// <summary>Encodes each value, widened exactly to double, as <see cref="Encode(double, int)"/> does.</summary>
    public static void Encode(ReadOnlySpan<float> values, Span<ulong> destination, int fractionalBits = DefaultFractionalBits)
    {
        Aliasing.ThrowIfLengthsDiffer(values.Length, destination.Length, nameof(destination));
        Aliasing.ThrowIfPartialOverlap(values, destination);
        ElementwiseDriver.Run(new EncodeSingleSource(values, Math.ScaleB(1.0, fractionalBits)), destination);
    }

    /// <summary>Vector form of <see cref="EncodeScaled(double, double)"/>: multiply, round half to even, saturating convert.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> EncodeScaled(Vector128<double> values, double scale)
        => SaturatingConversion.ToInt64(Vector128.Round(values * scale)).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> EncodeScaled(Vector256<double> values, double scale)
        => SaturatingConversion.ToInt64(Vector256.Round(values * scale)).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> EncodeScaled(Vector512<double> values, double scale)
        => SaturatingConversion.ToInt64(Vector512.Round(values * scale)).AsUInt64();

    /// <summary>Encoded lanes of a double span.</summary>
    private readonly ref struct EncodeDoubleSource : ILaneSource
    {
        private readonly ref double _values;
        private readonly double _scale;

        public EncodeDoubleSource(ReadOnlySpan<double> values, double scale)
        {
            _values = ref MemoryMarshal.GetReference(values);
            _scale = scale;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Invoke(nuint index) => EncodeScaled(Unsafe.Add(ref _values, index), _scale);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<ulong> Invoke128(nuint index) => EncodeScaled(Vector128.LoadUnsafe(ref _values, index), _scale);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<ulong> Invoke256(nuint index) => EncodeScaled(Vector256.LoadUnsafe(ref _values, index), _scale);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Invoke512(nuint index) => EncodeScaled(Vector512.LoadUnsafe(ref _values, index), _scale);
    }

    /// <summary>Encoded lanes of a float span: loads half-width float vectors and widens them to double.</summary>
    private readonly ref struct EncodeSingleSource : ILaneSource
    {
        private readonly ref float _values;
        private readonly double _scale;

        public EncodeSingleSource(ReadOnlySpan<float> values, double scale)
        {
            _values = ref MemoryMarshal.GetReference(values);
            _scale = scale;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Invoke(nuint index) => EncodeScaled(Unsafe.Add(ref _values, index), _scale);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<ulong> Invoke128(nuint index)
        {
            ulong twoFloats = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref _values, index)));
            return EncodeScaled(Vector128.WidenLower(Vector128.CreateScalarUnsafe(twoFloats).AsSingle()), _scale);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<ulong> Invoke256(nuint index)
            => EncodeScaled(Vector256.WidenLower(Vector128.LoadUnsafe(ref _values, index).ToVector256Unsafe()), _scale);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Invoke512(nuint index)
            => EncodeScaled(Vector512.WidenLower(Vector256.LoadUnsafe(ref _values, index).ToVector512Unsafe()), _scale);
    }
}
