namespace Puma.Protocols.Functions;

/// <summary>
/// A piecewise polynomial: segment 0 below <see cref="Thresholds"/>[0], segment j on
/// [Thresholds[j-1], Thresholds[j]), the last segment from the last threshold up. Each segment is
/// a coefficient array (c0 first); segments of degree ≤ 1 with an integer slope (0, 1, x) are
/// evaluated locally. <see cref="Bound"/> bounds |p(x)| of every polynomial segment on its own
/// interval (it sets the coefficient precision, see <see cref="PolynomialA"/>). With an
/// <see cref="InputShift"/> s, the polynomial segments are in t = x/2^s (free, and more precise for
/// wide inputs); local segments stay in x. <see cref="Variables"/>, when given, sets each segment's
/// own variable (<see cref="SegmentVariable"/>) instead, one per segment (local segments ignore theirs).
/// </summary>
public sealed record Piecewise(double[] Thresholds, double[][] Segments, double Bound, int InputShift = 0, SegmentVariable[]? Variables = null)
{
    /// <summary>Whether segment coefficients can be applied without a product.</summary>
    internal static bool IsLocal(double[] c)
        => c.Length <= 2 && (c.Length < 2 || c[1] == Math.Round(c[1]));

    /// <summary>The double-precision value of the piecewise function itself (reference for tests).</summary>
    public double Evaluate(double x)
    {
        int segment = 0;
        while (segment < Thresholds.Length && x >= Thresholds[segment]) segment++;
        var c = Segments[segment];
        var variable = VariableOf(segment);
        return Reference.PlaintextReference.Polynomial(c, IsLocal(c) ? x : Math.ScaleB(x - variable.Centre, -variable.Shift));
    }

    /// <summary>The variable segment <paramref name="segment"/>'s polynomial is written in.</summary>
    internal SegmentVariable VariableOf(int segment) => Variables?[segment] ?? new SegmentVariable(0, InputShift);
}
