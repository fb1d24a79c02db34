namespace Puma.Simd.Tests;

/// <summary>Deterministic inputs for kernel tests: random values with edge values mixed in.</summary>
internal static class TestData
{
    /// <summary>Every length 0..256 (all vector tiers, remainders and unrolled loops) plus a few large ones.</summary>
    public static IEnumerable<int> Lengths => Enumerable.Range(0, 257).Concat([1021, 4099, 100_003]);

    public static readonly ulong[] RingEdges =
    [
        0, 1, 2, 3, ulong.MaxValue, ulong.MaxValue - 1, 1UL << 63, (1UL << 63) - 1, (1UL << 63) + 1,
        1UL << 32, (1UL << 32) - 1, 0xFFFF_FFFF_0000_0000, 0x5555_5555_5555_5555, 0xAAAA_AAAA_AAAA_AAAA,
    ];

    public static readonly double[] DoubleEdges =
    [
        0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.5, double.NaN, -double.NaN, double.PositiveInfinity,
        double.NegativeInfinity, double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon,
        2.2250738585072009e-308, 9223372036854775808.0, -9223372036854775808.0, 9223372036854774784.0,
        -9223372036854774784.0, 4503599627370496.5, 2251799813685248.5, 1e19, -1e19, 1e300, -1e300,
        BitConverter.UInt64BitsToDouble(0x7FF8_0000_0000_0001), BitConverter.UInt64BitsToDouble(0xFFF0_0000_0000_0001),
    ];

    /// <summary>Random ring elements; every fifth one is an edge value so that every lane position sees them.</summary>
    public static ulong[] Ring(int length, int seed)
    {
        var random = new Random(seed);
        var values = new ulong[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = random.Next(5) == 0 ? RingEdges[random.Next(RingEdges.Length)] : (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
        }
        return values;
    }

    /// <summary>
    /// Random doubles of every kind: raw bit patterns (all exponents, subnormals, NaN payloads,
    /// infinities), moderate values, exact ties at <paramref name="fractionalBits"/>, and edges.
    /// </summary>
    public static double[] Doubles(int length, int seed, int fractionalBits)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = random.Next(4) switch
            {
                0 => BitConverter.Int64BitsToDouble(random.NextInt64() ^ ((long)random.Next(2) << 63)),
                1 => (random.NextDouble() - 0.5) * Math.ScaleB(1.0, random.Next(-30, 80)),
                2 => Math.ScaleB(random.Next(-1_000_000, 1_000_000) + 0.5, -fractionalBits),
                _ => DoubleEdges[random.Next(DoubleEdges.Length)],
            };
        }
        return values;
    }

    public static float[] Singles(int length, int seed, int fractionalBits)
    {
        var random = new Random(seed);
        double[] doubles = Doubles(length, seed, fractionalBits);
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = random.Next(3) == 0 ? BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31)) : (float)doubles[i];
        }
        return values;
    }
}
