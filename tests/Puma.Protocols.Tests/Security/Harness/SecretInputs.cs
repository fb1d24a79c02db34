using Puma.Simd;

namespace Puma.Protocols.Tests.Security;

/// <summary>
/// The secrets the security tests feed, from a fixed seed: the most structured ones (zeros, all
/// equal, ring and fixed-point extremes), where a reused or missing mask shows at once, and random
/// fixed-point values in the range the models produce.
/// </summary>
internal static class SecretInputs
{
    /// <summary>The pairs each protocol runs on: the view on the first must not be told apart from the view on the second.</summary>
    public static IReadOnlyList<(string First, string Second)> Pairs { get; } = [("zeros", "random"), ("equal", "extremes")];

    public static ulong[] Make(string kind, int length) => kind switch
    {
        "zeros" => new ulong[length],
        "equal" => Enumerable.Repeat(FixedPoint.Encode(1.5), length).ToArray(),
        "extremes" => Enumerable.Range(0, length).Select(i => Extremes[i % Extremes.Length]).ToArray(),
        "random" => Random(length),
        _ => throw new ArgumentException($"Unknown secret kind '{kind}'.", nameof(kind)),
    };

    /// <summary>Ring extremes, then the largest fixed-point magnitudes the functions take.</summary>
    private static readonly ulong[] Extremes =
    [
        0, 1, ulong.MaxValue, 1UL << 63, (1UL << 63) - 1, (1UL << 62) - 1, unchecked(0UL - ((1UL << 62) - 1)),
        FixedPoint.Encode(60), FixedPoint.Encode(-60), FixedPoint.Encode(1e-5), FixedPoint.Encode(-1e-5),
    ];

    private static ulong[] Random(int length)
    {
        var random = new Random(20261203);
        return Enumerable.Range(0, length).Select(_ => FixedPoint.Encode(random.NextDouble() * 16 - 8)).ToArray();
    }
}
