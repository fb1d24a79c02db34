using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Puma.Simd.Elementwise;

namespace Puma.Simd;

public static partial class FixedPoint
{
    /// <summary>Decodes each value as <see cref="Decode(ulong, int)"/> does.</summary>
    /// <remarks><paramref name="destination"/> may be <paramref name="values"/> itself reinterpreted as doubles.</remarks>
    public static void Decode(ReadOnlySpan<ulong> values, Span<double> destination, int fractionalBits = DefaultFractionalBits)
    {
        Aliasing.ThrowIfLengthsDiffer(values.Length, destination.Length, nameof(destination));
        Aliasing.ThrowIfPartialOverlap(values, destination);
        ElementwiseDriver.Run(new DecodeSource(values, Math.ScaleB(1.0, -fractionalBits)), MemoryMarshal.Cast<double, ulong>(destination));
    }

    /// <summary>Decodes each value to double as <see cref="Decode(ulong, int)"/> does, then rounds to nearest float.</summary>
    public static void Decode(ReadOnlySpan<ulong> values, Span<float> destination, int fractionalBits = DefaultFractionalBits)
    {
        Aliasing.ThrowIfLengthsDiffer(values.Length, destination.Length, nameof(destination));
        Aliasing.ThrowIfPartialOverlap(values, destination);
        ElementwiseDriver.Run(new DecodeSource(values, Math.ScaleB(1.0, -fractionalBits)), destination);
    }

    /// <summary>Decoded lanes (double bits) of a ring span: exact-rounded int64 → double, then one multiply.</summary>
    private readonly ref struct DecodeSource : ILaneSource
    {
        private readonly ref ulong _values;
        private readonly double _scale;

        public DecodeSource(ReadOnlySpan<ulong> values, double scale)
        {
            _values = ref MemoryMarshal.GetReference(values);
            _scale = scale;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Invoke(nuint index) => BitConverter.DoubleToUInt64Bits(DecodeScaled(Unsafe.Add(ref _values, index), _scale));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<ulong> Invoke128(nuint index)
            => (Vector128.ConvertToDouble(Vector128.LoadUnsafe(ref _values, index).AsInt64()) * _scale).AsUInt64();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<ulong> Invoke256(nuint index)
            => (Vector256.ConvertToDouble(Vector256.LoadUnsafe(ref _values, index).AsInt64()) * _scale).AsUInt64();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Invoke512(nuint index)
            => (Vector512.ConvertToDouble(Vector512.LoadUnsafe(ref _values, index).AsInt64()) * _scale).AsUInt64();
    }
}
