using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;
using Rounds = Puma.Protocols.Net.Steps;

namespace Puma.Protocols.Functions;

/// <summary>
/// Secure evaluation of a <see cref="Piecewise"/> function: the indicators b_j = [x ≥ t_j] of all
/// thresholds (<see cref="ThresholdBitsA"/>, 7 rounds) run in the same rounds as the polynomial
/// segments (<see cref="PolynomialA"/>, ≤ 6 rounds; one evaluation per distinct
/// <see cref="SegmentVariable"/>, all in the same rounds), then the one-round
/// <see cref="SegmentSelect"/> y = p_0 + Σ_j b_j·(p_{j+1} − p_j).
/// Cost: max(7, polynomial rounds) + 1 rounds.
/// </summary>
public static class PiecewiseA
{
    public static ProtocolCost Cost(int length, Piecewise function)
    {
        int k = function.Thresholds.Length;
        var parallel = ThresholdBitsA.Cost(length, k);
        foreach (var group in Groups(function)) parallel = parallel.Alongside(PolynomialA.Cost(length, group.Polynomials));
        return parallel.Then(SegmentSelect.Cost(length));
    }

    public static AShare Evaluate(PartyContext context, AShare x, Piecewise function, string name)
    {
        using var _ = context.Scope(name);
        var z = AShare.Uninitialized(x.Length);
        context.Run(Steps(context, x, function, z));
        return z;
    }

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, Piecewise function, AShare z)
    {
        int n = x.Length, k = function.Thresholds.Length, f = context.Config.FractionalBits;
        if (function.Segments.Length != k + 1) throw new ArgumentException("One segment more than thresholds.", nameof(function));
        var thresholds = function.Thresholds.Select(t => FixedPoint.Encode(t, f)).ToArray();
        var groups = Groups(function);
        var values = groups.Select(group => group.Polynomials.Select(_ => AShare.Uninitialized(n)).ToArray()).ToArray();
        var centred = groups.Select(group => AShare.Uninitialized(n)).ToArray();
        var indicators = AShare.Uninitialized(n * k);
        AShare?[]? segments = null;
        try
        {
            var parallel = new List<IEnumerable<Step>> { ThresholdBitsA.Steps(context, x, thresholds, indicators) };
            for (int g = 0; g < groups.Length; g++)
            {
                LinearA.AddPublic(context, x, 0UL - FixedPoint.Encode(groups[g].Variable.Centre, f), centred[g]);
                parallel.Add(PolynomialA.Steps(context, centred[g], groups[g].Polynomials, function.Bound, values[g], groups[g].Variable.Shift));
            }
            foreach (var step in Rounds.Together([.. parallel])) yield return step;

            segments = SegmentValues(context, x, function, groups, values);
            foreach (var step in SegmentSelect.Steps(context, indicators, segments, z)) yield return step;
        }
        finally
        {
            var polynomialValues = values.SelectMany(v => v).ToArray();
            foreach (var local in (segments ?? []).OfType<AShare>().Except(polynomialValues).Where(s => s != x)) local.Dispose();
            foreach (var share in polynomialValues.Concat(centred).Append(indicators)) share.Dispose();
        }
    }

    /// <summary>The polynomial segments grouped by their variable, in order of first appearance.</summary>
    private static PolynomialGroup[] Groups(Piecewise function)
        => [.. Enumerable.Range(0, function.Segments.Length)
            .Where(s => !Piecewise.IsLocal(function.Segments[s]))
            .GroupBy(function.VariableOf)
            .Select(group => new PolynomialGroup(group.Key, [.. group], [.. group.Select(s => function.Segments[s])]))];

    /// <summary>
    /// Each segment's share: the evaluated polynomials, local ones computed here, except that the
    /// constant 0 is null (an exact zero for <see cref="SegmentSelect"/>) and the identity is x itself.
    /// </summary>
    private static AShare?[] SegmentValues(PartyContext context, AShare x, Piecewise function, PolynomialGroup[] groups, AShare[][] values)
    {
        int f = context.Config.FractionalBits;
        var segments = new AShare?[function.Segments.Length];
        for (int g = 0; g < groups.Length; g++)
        {
            for (int i = 0; i < groups[g].Segments.Length; i++) segments[groups[g].Segments[i]] = values[g][i];
        }
        for (int s = 0; s < segments.Length; s++)
        {
            var c = function.Segments[s];
            if (!Piecewise.IsLocal(c)) continue;
            if (c.All(v => v == 0)) continue;
            if (c is [0, 1])
            {
                segments[s] = x;
                continue;
            }
            var local = new AShare(x.Length);
            if (c.Length == 2) LinearA.MultiplyPublic(x, (ulong)(long)c[1], local);
            if (c.Length >= 1) LinearA.AddPublic(context, local, FixedPoint.Encode(c[0], f), local);
            segments[s] = local;
        }
        return segments;
    }

    /// <summary>Polynomial segments (by index) written in the same variable: one <see cref="PolynomialA"/> evaluation.</summary>
    private sealed record PolynomialGroup(SegmentVariable Variable, int[] Segments, double[][] Polynomials);
}
