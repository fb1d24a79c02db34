using Puma.Protocols.Core;
using Puma.Simd;
using Xunit.Abstractions;

namespace Puma.Protocols.Tests.Functions;

/// <summary>Runs a secure function on plaintext doubles (f = 18) and measures its error against a reference.</summary>
internal static class FunctionHarness
{
    public const int F = FixedPoint.DefaultFractionalBits;
    public static readonly double Ulp = Math.ScaleB(1, -F);

    /// <summary>The inputs rounded to the fixed-point grid, so references see what the protocol sees.</summary>
    public static double[] Quantise(double[] x) => x.Select(v => FixedPoint.Decode(FixedPoint.Encode(v, F), F)).ToArray();

    public static double[] Evaluate(double[] x, Func<PartyContext, AShare, AShare> body)
        => Harness.Evaluate([Encode(x)], (c, s) => body(c, s[0])).Select(v => FixedPoint.Decode(v, F)).ToArray();

    public static ProtocolCost Measure(int length, Action<PartyContext, AShare> body)
        => Harness.Measure([Encode(Enumerable.Range(0, length).Select(i => 0.5 + i % 7 * 0.25).ToArray())], (c, s) => body(c, s[0]));

    public static ulong[] Encode(double[] x) => x.Select(v => FixedPoint.Encode(v, F)).ToArray();

    /// <summary>Points from <paramref name="low"/> to <paramref name="high"/> in steps of <paramref name="step"/>.</summary>
    public static double[] Grid(double low, double high, double step)
        => Enumerable.Range(0, (int)Math.Round((high - low) / step) + 1).Select(i => low + i * step).ToArray();

    /// <summary>Points spaced evenly in log2 between 2^lowExponent and 2^highExponent.</summary>
    public static double[] LogGrid(double lowExponent, double highExponent, int count)
        => Enumerable.Range(0, count).Select(i => Math.Pow(2, lowExponent + (highExponent - lowExponent) * i / (count - 1))).ToArray();

    /// <summary>Each seam ±1 ulp and exactly.</summary>
    public static double[] Seams(params double[] seams) => seams.SelectMany(s => new[] { s - Ulp, s, s + Ulp }).ToArray();

    public static (double MaxAbs, double MeanAbs, double MaxRel) Errors(double[] x, double[] actual, Func<double, double> reference, ITestOutputHelper? output = null, string name = "")
    {
        double maxAbs = 0, sumAbs = 0, maxRel = 0, worst = double.NaN;
        for (int i = 0; i < x.Length; i++)
        {
            double expected = reference(x[i]), error = Math.Abs(actual[i] - expected);
            if (error > maxAbs) (maxAbs, worst) = (error, x[i]);
            sumAbs += error;
            if (expected != 0) maxRel = Math.Max(maxRel, error / Math.Abs(expected));
        }
        output?.WriteLine($"{name}: n={x.Length} maxAbs={maxAbs:E3} (at {worst}) meanAbs={sumAbs / x.Length:E3} maxRel={maxRel:E3}");
        return (maxAbs, sumAbs / x.Length, maxRel);
    }
}
