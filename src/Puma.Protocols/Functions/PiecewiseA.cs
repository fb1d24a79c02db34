using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;
using Rounds = Puma.Protocols.Net.Steps;

namespace Puma.Protocols.Functions;

/// <summary>
/// Secure evaluation of a <see cref="Piecewise"/> function: the indicators b_j = [x ≥ t_j] of all
/// thresholds (<see cref="ThresholdBitsA"/>, 7 rounds) run in the same rounds as the polynomial
/// segments (<see cref="PolynomialA"/>, ≤ 6 rounds), then y = p_0 + Σ_j b_j·(p_{j+1} − p_j) in one
/// multiplication round over all thresholds at once (exact: b is 0/1, no truncation). Garbage a
/// polynomial yields outside its own interval is multiplied by an exact 0.
/// Cost: max(7, polynomial rounds) + 1 rounds.
/// </summary>
public static class PiecewiseA
{
    public static ProtocolCost Cost(int length, Piecewise function)
    {
        int k = function.Thresholds.Length;
        var polynomials = Polynomials(function);
        var compare = ThresholdBitsA.Cost(length, k);
        var parallel = polynomials.Count == 0 ? compare : compare.Alongside(PolynomialA.Cost(length, polynomials));
        return parallel.Then(MulAA.Cost(length * k));
    }

    public static AShare Evaluate(PartyContext context, AShare x, Piecewise function, string name)
    {
        using var _ = context.Scope(name);
        var z = new AShare(x.Length);
        context.Run(Steps(context, x, function, z));
        return z;
    }

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, Piecewise function, AShare z)
    {
        int n = x.Length, k = function.Thresholds.Length, f = context.Config.FractionalBits;
        if (function.Segments.Length != k + 1) throw new ArgumentException("One segment more than thresholds.", nameof(function));
        var thresholds = function.Thresholds.Select(t => FixedPoint.Encode(t, f)).ToArray();
        var polynomials = Polynomials(function);
        var values = polynomials.Select(_ => new AShare(n)).ToArray();
        try
        {
            using var indicators = new AShare(n * k);
            var compare = ThresholdBitsA.Steps(context, x, thresholds, indicators);
            var parallel = polynomials.Count == 0 ? compare : Rounds.Together(compare, PolynomialA.Steps(context, x, polynomials, function.Bound, values, function.InputShift));
            foreach (var step in parallel) yield return step;

            var segments = SegmentValues(context, x, function, values);
            using var jumps = new AShare(n * k);
            for (int j = 0; j < k; j++)
            {
                Ring.Subtract(segments[j + 1].Own.Span, segments[j].Own.Span, jumps.Own.Slice(j * n, n));
                Ring.Subtract(segments[j + 1].Next.Span, segments[j].Next.Span, jumps.Next.Slice(j * n, n));
            }
            using var selected = new AShare(n * k);
            foreach (var step in MulAA.Steps(context, indicators, jumps, selected)) yield return step;
            segments[0].Own.Span.CopyTo(z.Own.Span);
            segments[0].Next.Span.CopyTo(z.Next.Span);
            for (int j = 0; j < k; j++)
            {
                Ring.Add(z.Own.Span, selected.Own.Slice(j * n, n), z.Own.Span);
                Ring.Add(z.Next.Span, selected.Next.Slice(j * n, n), z.Next.Span);
            }
            foreach (var local in segments.Except(values)) local.Dispose();
        }
        finally
        {
            foreach (var value in values) value.Dispose();
        }
    }

    private static List<double[]> Polynomials(Piecewise function) => function.Segments.Where(s => !Piecewise.IsLocal(s)).ToList();

    /// <summary>Each segment's share: the evaluated polynomials in order, local ones computed here.</summary>
    private static AShare[] SegmentValues(PartyContext context, AShare x, Piecewise function, AShare[] values)
    {
        int f = context.Config.FractionalBits, next = 0;
        var segments = new AShare[function.Segments.Length];
        for (int s = 0; s < segments.Length; s++)
        {
            var c = function.Segments[s];
            if (!Piecewise.IsLocal(c))
            {
                segments[s] = values[next++];
                continue;
            }
            var local = new AShare(x.Length);
            if (c.Length == 2) LinearA.MultiplyPublic(x, (ulong)(long)c[1], local);
            if (c.Length >= 1) LinearA.AddPublic(context, local, FixedPoint.Encode(c[0], f), local);
            segments[s] = local;
        }
        return segments;
    }
}
