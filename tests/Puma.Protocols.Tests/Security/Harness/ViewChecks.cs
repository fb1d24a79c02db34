using System.Numerics;

namespace Puma.Protocols.Tests.Security;

/// <summary>
/// The statistical checks on received words. Each returns null when the words pass, or a
/// one-line reason. Thresholds sit about 7 standard deviations out (two-sided p ≈ 3e-12 per
/// statistic), so on truly uniform words even a million statistics all pass with probability
/// above 1 − 3e-6, while the deliberately leaky fakes of the tests land tens of deviations out
/// (pad reuse and cross-run compare words exactly).
/// </summary>
internal static class ViewChecks
{
    /// <summary>Standard normal quantile used for every two-sided z test.</summary>
    private const double Z = 7;

    /// <summary>Chi-square over 256 bins, 255 degrees of freedom: mean 255, standard deviation 22.6; p ≈ 1e-12 at 450 (Wilson–Hilferty).</summary>
    private const double ByteChiSquareLimit = 450;

    /// <summary>The chi-square needs about 5 expected samples per bin to follow its law.</summary>
    private const int ByteChiSquareMinimumWords = 256 * 5;

    /// <summary>Kolmogorov–Smirnov coefficient c(α) = √(−ln(α/2)/2) for α = 1e-12.</summary>
    private const double KolmogorovSmirnovCoefficient = 3.76;

    /// <summary>Bits of each word the two-sample KS test compares (a 2^16-bin histogram).</summary>
    private const int TopBits = 16;

    /// <summary>Each of the 64 bits is 1 half the time, and each of the 8 byte positions is uniform over 256 values.</summary>
    public static string? Uniformity(ReadOnlySpan<ulong> words)
    {
        if (words.IsEmpty) return null;
        var ones = BitCounts(words);
        double n = words.Length;
        for (int bit = 0; bit < 64; bit++)
        {
            double z = (ones[bit] - n / 2) / Math.Sqrt(n / 4);
            if (Math.Abs(z) > Z) return $"bit {bit} is 1 in {ones[bit]} of {words.Length} words (z = {z:F1})";
        }
        if (words.Length < ByteChiSquareMinimumWords) return null;
        for (int position = 0; position < 8; position++)
        {
            var counts = new long[256];
            foreach (ulong word in words) counts[(byte)(word >> (8 * position))]++;
            double expected = n / 256, chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
            if (chiSquare > ByteChiSquareLimit) return $"byte {position} is not uniform (chi-square {chiSquare:F0} over {words.Length} words)";
        }
        return null;
    }

    /// <summary>
    /// Words received on the same link with secret A and with secret B come from one distribution:
    /// the same message sizes, per-bit frequencies that agree (two-proportion z test), and the
    /// same distribution of the top 16 bits (two-sample Kolmogorov–Smirnov).
    /// </summary>
    public static string? TwoSample(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (a.Length != b.Length) return $"{a.Length} words with one secret, {b.Length} with the other";
        if (a.IsEmpty) return null;
        var onesA = BitCounts(a);
        var onesB = BitCounts(b);
        double n = a.Length, deviation = Math.Sqrt(0.25 * 2 / n);
        for (int bit = 0; bit < 64; bit++)
        {
            double z = (onesA[bit] - onesB[bit]) / n / deviation;
            if (Math.Abs(z) > Z) return $"bit {bit} is 1 in {onesA[bit]} words with one secret, {onesB[bit]} with the other (z = {z:F1})";
        }
        var histogramA = TopHistogram(a);
        var histogramB = TopHistogram(b);
        long cumulativeA = 0, cumulativeB = 0, largest = 0;
        for (int bin = 0; bin < histogramA.Length; bin++)
        {
            cumulativeA += histogramA[bin];
            cumulativeB += histogramB[bin];
            largest = Math.Max(largest, Math.Abs(cumulativeA - cumulativeB));
        }
        double d = largest / n, limit = KolmogorovSmirnovCoefficient * Math.Sqrt(2 / n);
        return d > limit ? $"the top {TopBits} bits differ in distribution (KS distance {d:F3} > {limit:F3})" : null;
    }

    /// <summary>No word occurs twice, and no word occurs together with its negation mod 2^64.</summary>
    public static string? PadReuse(ReadOnlySpan<ulong> words)
    {
        var sorted = words.ToArray();
        Array.Sort(sorted);
        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] == sorted[i - 1]) return $"word {sorted[i]:X16} occurs twice";
        }
        foreach (ulong word in sorted)
        {
            ulong negation = 0UL - word;
            if (negation != word && Array.BinarySearch(sorted, negation) >= 0) return $"word {word:X16} occurs with its negation";
        }
        return null;
    }

    /// <summary>
    /// A message of a share's length, combined elementwise with the receiver's components of the
    /// share (w ± x_i, w ± x_{i+1}, w ± x_i ± x_{i+1}; XOR for a boolean share), stays uniform: the
    /// message does not complete the receiver's components into the secret, which is never uniform
    /// in these tests.
    /// </summary>
    public static string? Opening(ReadOnlySpan<ulong> message, HeldShare held)
    {
        if (message.Length != held.Own.Length) return null;
        var combined = new ulong[message.Length];
        foreach (var (a, b) in held.Boolean ? XorCombinations : SignedCombinations)
        {
            for (int k = 0; k < combined.Length; k++)
            {
                combined[k] = held.Boolean
                    ? message[k] ^ (a == 0 ? 0 : held.Own[k]) ^ (b == 0 ? 0 : held.Next[k])
                    : message[k] + (ulong)a * held.Own[k] + (ulong)b * held.Next[k];
            }
            if (Uniformity(combined) is { } failure) return $"the message with {a}·x_i and {b}·x_(i+1) of the receiver is not uniform ({failure})";
        }
        return null;
    }

    private static readonly (long, long)[] SignedCombinations = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1)];

    private static readonly (long, long)[] XorCombinations = [(1, 0), (0, 1), (1, 1)];

    /// <summary>No word of one run occurs in another.</summary>
    public static string? SharedWords(ReadOnlySpan<ulong> first, ReadOnlySpan<ulong> second)
    {
        var seen = new HashSet<ulong>(first.ToArray());
        foreach (ulong word in second)
        {
            if (seen.Contains(word)) return $"word {word:X16} occurs in both runs";
        }
        return null;
    }

    private static long[] BitCounts(ReadOnlySpan<ulong> words)
    {
        var ones = new long[64];
        foreach (ulong word in words)
        {
            for (ulong rest = word; rest != 0; rest &= rest - 1) ones[BitOperations.TrailingZeroCount(rest)]++;
        }
        return ones;
    }

    private static int[] TopHistogram(ReadOnlySpan<ulong> words)
    {
        var histogram = new int[1 << TopBits];
        foreach (ulong word in words) histogram[word >> (64 - TopBits)]++;
        return histogram;
    }
}
