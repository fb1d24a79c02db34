using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Rounds = Puma.Protocols.Net.Steps;

namespace Puma.Protocols.Functions;

/// <summary>
/// Public polynomials (degree ≤ 8) of one shared fixed-point x, several at once sharing the powers,
/// in the fewest product rounds: x² first; then x⁴ (and x³ if needed) alongside every polynomial of
/// degree ≤ 4; then every polynomial of degree 5–8. The last product of each polynomial carries all
/// its coefficients and lower terms (<see cref="MulAddTruncAA"/>):
/// <list type="bullet">
/// <item>degree ≤ 2: x·(c2·x) + c1·x + c0;</item>
/// <item>degree 3–4: x²·(c4·x² + c3·x) + c2·x² + c1·x + c0;</item>
/// <item>degree 5–8: x⁴·(c8·x⁴ + c7·x³ + c6·x² + c5·x) + c4·x⁴ + c3·x³ + c2·x² + c1·x + c0;
/// without an x⁷ term, x³ is not computed: c3·x³ is a second product x²·(c3·x) in the same fused
/// product, which saves a product (a fit may pick its centre so that it needs no x⁷).</item>
/// </list>
/// with the coefficients encoded g bits finer than the shares (sum at scale 2^(2f+g), truncated
/// by f+g), g chosen from the caller's bound on |p(x)| so the sum stays below 2^61. Inputs whose
/// value exceeds the bound give garbage, which callers mask with a select.
/// Rounds: 2, 4 or 6 for maximum degree ≤ 2, ≤ 4, ≤ 8. Bytes: one <see cref="MulTruncAA"/> per
/// power computed (x², x⁴, x³) and per polynomial.
/// </summary>
public static class PolynomialA
{
    public const int MaxDegree = 8;

    /// <summary>Finest coefficient encoding used (beyond it the shares' own ulp dominates).</summary>
    private const int MaxExtraBits = 24;

    public static ProtocolCost Cost(int length, IReadOnlyList<double[]> polynomials)
    {
        var (x2, x3, x4) = PowersNeeded(polynomials);
        int products = polynomials.Count + (x2 ? 1 : 0) + (x3 ? 1 : 0) + (x4 ? 1 : 0);
        int rounds = 2 * Groups(polynomials.Max(Degree));
        return new ProtocolCost(rounds, products * MulTruncAA.Cost(length).TotalBytesSent);
    }

    /// <summary>Extra coefficient bits g such that |p| ≤ <paramref name="bound"/> keeps the sum below 2^61.</summary>
    public static int ExtraBitsFor(double bound, int fractionalBits)
        => Math.Clamp(61 - 2 * fractionalBits - (int)Math.Ceiling(Math.Log2(Math.Max(bound, 1))), 0, MaxExtraBits);

    public static AShare[] Evaluate(PartyContext context, AShare x, IReadOnlyList<double[]> polynomials, double bound, int inputShift = 0)
    {
        using var _ = context.Scope("polynomial");
        var results = polynomials.Select(_ => new AShare(x.Length)).ToArray();
        context.Run(Steps(context, x, polynomials, bound, results, inputShift));
        return results;
    }

    /// <summary>
    /// Writes p_k(x/2^inputShift) into <paramref name="results"/>[k]; coefficients are c0 first.
    /// Each of <paramref name="addends"/> (a share at the shares' scale and a public coefficient) is
    /// added to every result inside its last product, at no cost: a term in another variable than x.
    /// </summary>
    public static IEnumerable<Step> Steps(PartyContext context, AShare x, IReadOnlyList<double[]> polynomials, double bound, AShare[] results, int inputShift = 0, IReadOnlyList<(AShare Share, double Coefficient)>? addends = null)
    {
        if (polynomials.Count != results.Length) throw new ArgumentException("One result per polynomial.", nameof(results));
        if (polynomials.Any(p => p.Length > MaxDegree + 1)) throw new ArgumentException($"Degrees above {MaxDegree} are not supported.", nameof(polynomials));
        int f = context.Config.FractionalBits;
        var scales = new Scales(f, ExtraBitsFor(bound, f), inputShift);
        var (needX2, needX3, needX4) = PowersNeeded(polynomials);
        int n = x.Length;
        var x2 = AShare.Uninitialized(needX2 ? n : 0);
        var x3 = AShare.Uninitialized(needX3 ? n : 0);
        var x4 = AShare.Uninitialized(needX4 ? n : 0);
        try
        {
            foreach (var step in ProductRounds(context, x, polynomials, scales, results, x2, x3, x4, addends ?? [])) yield return step;
        }
        finally
        {
            x2.Dispose();
            x3.Dispose();
            x4.Dispose();
        }
    }

    /// <summary>The product rounds of <see cref="Steps"/> over the caller's power buffers x², x³, x⁴.</summary>
    private static IEnumerable<Step> ProductRounds(PartyContext context, AShare x, IReadOnlyList<double[]> polynomials, Scales scales, AShare[] results, AShare x2, AShare x3, AShare x4, IReadOnlyList<(AShare, double)> addends)
    {
        int f = scales.Fraction, inputShift = scales.InputShift;
        var (needX2, needX3, needX4) = PowersNeeded(polynomials);

        var first = new List<IEnumerable<Step>>();
        // x2, x3, x4 hold t², t³, t⁴ for t = x/2^s; x itself stays unscaled.
        if (needX2) first.Add(MulTruncAA.Steps(context, x, x, f + 2 * inputShift, x2));
        var second = new List<IEnumerable<Step>>();
        if (needX4) second.Add(MulTruncAA.Steps(context, x2, x2, f, x4));
        if (needX3) second.Add(MulTruncAA.Steps(context, x, x2, f + inputShift, x3));
        var third = new List<IEnumerable<Step>>();
        for (int k = 0; k < polynomials.Count; k++)
        {
            var c = Padded(polynomials[k]);
            switch (Degree(polynomials[k]))
            {
                case <= 2:
                    first.Add(Final(context, x, [(x, scales.Unshift(c[2], 2))], [(x, scales.Unshift(c[1], 1)), .. addends], c[0], scales, results[k]));
                    break;
                case <= 4:
                    second.Add(Final(context, x2, [(x2, c[4]), (x, scales.Unshift(c[3], 1))], [(x2, c[2]), (x, scales.Unshift(c[1], 1)), .. addends], c[0], scales, results[k]));
                    break;
                default:
                    (AShare, AShare, double)? cubic = needX3 || c[3] == 0 ? null : (x2, x, scales.Unshift(c[3], 1));
                    third.Add(Final(context, x4, Inner(c, x, x2, x3, x4, scales), [.. Linear(c, x, x2, x3, x4, scales), .. addends], c[0], scales, results[k], cubic));
                    break;
            }
        }
        foreach (var group in new[] { first, second, third }.Where(g => g.Count > 0))
        {
            foreach (var step in Rounds.Together([.. group])) yield return step;
        }
    }

    /// <summary>Index of the highest non-zero coefficient, at least 2 (lower degrees still need one product).</summary>
    public static int Degree(double[] coefficients)
    {
        int degree = coefficients.Length - 1;
        while (degree > 2 && coefficients[degree] == 0) degree--;
        return Math.Max(degree, 2);
    }

    private static int Groups(int degree) => degree <= 2 ? 1 : degree <= 4 ? 2 : 3;

    private static (bool X2, bool X3, bool X4) PowersNeeded(IReadOnlyList<double[]> polynomials)
    {
        int maxDegree = polynomials.Max(Degree);
        bool x3 = polynomials.Any(p => Degree(p) > 4 && Padded(p)[7] != 0);
        return (maxDegree > 2, x3, maxDegree > 4);
    }

    /// <summary>c8·x⁴ + c7·x³ + c6·x² + c5·x, skipping x³ when it was not computed (its coefficients are 0).</summary>
    private static (AShare, double)[] Inner(double[] c, AShare x, AShare x2, AShare x3, AShare x4, Scales scales)
        => c[7] == 0 ? [(x4, c[8]), (x2, c[6]), (x, scales.Unshift(c[5], 1))] : [(x4, c[8]), (x3, c[7]), (x2, c[6]), (x, scales.Unshift(c[5], 1))];

    /// <summary>c4·x⁴ + c3·x³ + c2·x² + c1·x, leaving c3·x³ to the second product when x³ was not computed.</summary>
    private static (AShare, double)[] Linear(double[] c, AShare x, AShare x2, AShare x3, AShare x4, Scales scales)
        => x3.Length == 0 || c[3] == 0 ? [(x4, c[4]), (x2, c[2]), (x, scales.Unshift(c[1], 1))] : [(x4, c[4]), (x3, c[3]), (x2, c[2]), (x, scales.Unshift(c[1], 1))];

    private static double[] Padded(double[] coefficients)
    {
        var padded = new double[MaxDegree + 1];
        coefficients.CopyTo(padded, 0);
        return padded;
    }

    /// <summary>left·(Σ c·inner) [+ u·(c·v)] + Σ c·linear + c0, every term at scale 2^(2f+g), truncated by f+g: one fused product.</summary>
    private static IEnumerable<Step> Final(PartyContext context, AShare left, (AShare Share, double Coefficient)[] inner, (AShare Share, double Coefficient)[] linear, double constant, Scales scales, AShare result, (AShare U, AShare V, double Coefficient)? second = null)
    {
        var factor = inner.Select(t => new LinearTerm(t.Share, scales.Encode(t.Coefficient, scales.Extra))).ToArray();
        var terms = linear.Select(t => new LinearTerm(t.Share, scales.Encode(t.Coefficient, scales.Fraction + scales.Extra))).ToArray();
        ulong c0 = scales.Encode(constant, 2 * scales.Fraction + scales.Extra);
        var product = second is var (u, v, weight) ? (u, v, scales.Encode(weight, scales.Extra)) : ((AShare, AShare, ulong)?)null;
        return MulAddTruncAA.Steps(context, left, factor, terms, c0, scales.Fraction + scales.Extra, result, product);
    }

    private readonly record struct Scales(int Fraction, int Extra, int InputShift)
    {
        /// <summary>A coefficient of t^k applied to x^k: c·2^(−k·s). Only the unscaled x needs it.</summary>
        public double Unshift(double coefficient, int power) => Math.ScaleB(coefficient, -power * InputShift);

        public ulong Encode(double value, int bits) => (ulong)(long)Math.Round(Math.ScaleB(value, bits));
    }
}
