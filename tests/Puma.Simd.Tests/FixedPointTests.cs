using System.Numerics;
using System.Runtime.InteropServices;

namespace Puma.Simd.Tests;

/// <summary>
/// Fixed-point encode/decode: the span kernels must equal both the public scalar functions and a
/// reference written from the specification (round half to even, saturate, NaN → 0), bit for bit.
/// </summary>
public class FixedPointTests
{
    public static TheoryData<int> FractionalBits => new([0, 18, 40, -3]);

    /// <summary>The specification, using only comparisons and BigInteger for the conversion.</summary>
    private static ulong EncodeReference(double value, int fractionalBits)
    {
        double scaled = value * Math.ScaleB(1.0, fractionalBits);
        if (double.IsNaN(scaled)) return 0;
        if (scaled >= 9223372036854775808.0) return (ulong)long.MaxValue;
        if (scaled < -9223372036854775808.0) return unchecked((ulong)long.MinValue);
        return unchecked((ulong)(long)new BigInteger(Math.Round(scaled, MidpointRounding.ToEven)));
    }

    private static double DecodeReference(ulong value, int fractionalBits) => (double)(long)value * Math.ScaleB(1.0, -fractionalBits);

    [Theory]
    [InlineData(0.5, 0, 0UL)]
    [InlineData(1.5, 0, 2UL)]
    [InlineData(2.5, 0, 2UL)]
    [InlineData(-2.5, 0, 0xFFFF_FFFF_FFFF_FFFEUL)]
    [InlineData(-0.0, 18, 0UL)]
    [InlineData(double.NaN, 18, 0UL)]
    [InlineData(double.PositiveInfinity, 18, 0x7FFF_FFFF_FFFF_FFFFUL)]
    [InlineData(double.NegativeInfinity, 18, 0x8000_0000_0000_0000UL)]
    [InlineData(1e300, 18, 0x7FFF_FFFF_FFFF_FFFFUL)]
    [InlineData(9223372036854775808.0, 0, 0x7FFF_FFFF_FFFF_FFFFUL)]
    [InlineData(-9223372036854775808.0, 0, 0x8000_0000_0000_0000UL)]
    [InlineData(9223372036854774784.0, 0, 0x7FFF_FFFF_FFFF_FC00UL)]
    [InlineData(1.0, 18, 1UL << 18)]
    [InlineData(4.9406564584124654e-324, 18, 0UL)]
    public void EncodeKnownAnswers(double value, int fractionalBits, ulong expected)
    {
        Assert.Equal(expected, FixedPoint.Encode(value, fractionalBits));
        for (int length = 1; length <= 17; length++)
        {
            double[] values = Enumerable.Repeat(value, length).ToArray();
            var destination = new ulong[length];
            FixedPoint.Encode(values, destination, fractionalBits);
            Assert.All(destination, encoded => Assert.Equal(expected, encoded));
        }
    }

    [Theory]
    [MemberData(nameof(FractionalBits))]
    public void EncodeDoubleMatchesReference(int fractionalBits)
    {
        foreach (int length in TestData.Lengths)
        {
            double[] values = TestData.Doubles(length, length, fractionalBits);
            ulong[] expected = values.Select(v => EncodeReference(v, fractionalBits)).ToArray();
            AssertBits.Equal<ulong>(expected, values.Select(v => FixedPoint.Encode(v, fractionalBits)).ToArray());

            var destination = new ulong[length];
            FixedPoint.Encode(values, destination, fractionalBits);
            AssertBits.Equal<ulong>(expected, destination);

            FixedPoint.Encode(values, MemoryMarshal.Cast<double, ulong>(values.AsSpan()), fractionalBits);
            AssertBits.Equal<ulong>(expected, MemoryMarshal.Cast<double, ulong>(values.AsSpan()));
        }
    }

    [Theory]
    [MemberData(nameof(FractionalBits))]
    public void EncodeSingleMatchesReference(int fractionalBits)
    {
        foreach (int length in TestData.Lengths)
        {
            float[] values = TestData.Singles(length, length, fractionalBits);
            ulong[] expected = values.Select(v => EncodeReference(v, fractionalBits)).ToArray();
            var destination = new ulong[length];
            FixedPoint.Encode(values, destination, fractionalBits);
            AssertBits.Equal<ulong>(expected, destination);
        }
    }

    [Theory]
    [MemberData(nameof(FractionalBits))]
    public void DecodeDoubleMatchesReference(int fractionalBits)
    {
        foreach (int length in TestData.Lengths)
        {
            ulong[] values = TestData.Ring(length, length);
            ulong[] expectedBits = values.Select(v => BitConverter.DoubleToUInt64Bits(DecodeReference(v, fractionalBits))).ToArray();
            AssertBits.Equal<ulong>(expectedBits, values.Select(v => BitConverter.DoubleToUInt64Bits(FixedPoint.Decode(v, fractionalBits))).ToArray());

            var destination = new double[length];
            FixedPoint.Decode(values, destination, fractionalBits);
            AssertBits.Equal<ulong>(expectedBits, MemoryMarshal.Cast<double, ulong>(destination.AsSpan()));

            FixedPoint.Decode(values, MemoryMarshal.Cast<ulong, double>(values.AsSpan()), fractionalBits);
            AssertBits.Equal<ulong>(expectedBits, values);
        }
    }

    [Theory]
    [MemberData(nameof(FractionalBits))]
    public void DecodeSingleMatchesReference(int fractionalBits)
    {
        foreach (int length in TestData.Lengths)
        {
            ulong[] values = TestData.Ring(length, length);
            uint[] expectedBits = values.Select(v => BitConverter.SingleToUInt32Bits((float)DecodeReference(v, fractionalBits))).ToArray();
            var destination = new float[length];
            FixedPoint.Decode(values, destination, fractionalBits);
            AssertBits.Equal<uint>(expectedBits, MemoryMarshal.Cast<float, uint>(destination.AsSpan()));
        }
    }

    [Fact]
    public void RoundTripRecoversRepresentableValues()
    {
        double[] values = Enumerable.Range(-1000, 2001).Select(i => i / 64.0).ToArray();
        var encoded = new ulong[values.Length];
        var decoded = new double[values.Length];
        FixedPoint.Encode(values, encoded);
        FixedPoint.Decode(encoded, decoded);
        Assert.Equal(values, decoded);
    }

    [Fact]
    public void MismatchedLengthsAndPartialOverlapThrow()
    {
        Assert.Throws<ArgumentException>(() => FixedPoint.Encode(new double[3], new ulong[4]));
        Assert.Throws<ArgumentException>(() => FixedPoint.Encode(new float[3], new ulong[2]));
        Assert.Throws<ArgumentException>(() => FixedPoint.Decode(new ulong[3], new double[4]));
        Assert.Throws<ArgumentException>(() => FixedPoint.Decode(new ulong[3], new float[4]));

        var buffer = new ulong[16];
        Assert.Throws<ArgumentException>(() => FixedPoint.Encode(MemoryMarshal.Cast<ulong, float>(buffer.AsSpan(0, 8)), buffer.AsSpan(0, 16)));
        Assert.Throws<ArgumentException>(() => FixedPoint.Decode(buffer.AsSpan(0, 8), MemoryMarshal.Cast<ulong, float>(buffer.AsSpan(0, 4))));
        Assert.Throws<ArgumentException>(() => FixedPoint.Encode(MemoryMarshal.Cast<ulong, double>(buffer.AsSpan(0, 8)), buffer.AsSpan(1, 8)));
    }
}
