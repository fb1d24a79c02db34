using Puma.Protocols.Arithmetic;
using Puma.Protocols.Compare;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Functions;

/// <summary>
/// Row-wise softmax of an n×L share by PUMA's method (PROTOCOLS.md §7): x̂ = x − m − margin with m
/// a row maximum from coarse signs (<see cref="MaxA"/>, <see cref="CoarseMsbA"/>: within 3·2^L per
/// level below the true one, and softmax is shift-invariant, so the public margin keeps x̂ ≤ 0 at
/// no cost in accuracy), e = [x̂ ≥ −14]·exp(x̂) (<see cref="NegExpA"/>, a fit within 1.8e-5 where
/// PUMA's (1 + x̂/32)^32 errs by 0.0086; its square is left at 2f fractional bits), one reciprocal
/// per row of Σe (<see cref="ReciprocalA"/> on the sums at 2f, over the narrow exponent range of a
/// sum in [1/2, L]), out = e·(1/Σe) truncated by 2f at once. All rows run in the same rounds (one vector).
/// <para>
/// Masked variant: row r keeps its first validLengths[r] entries; the others enter the maximum as
/// a public −2^20 (so they never win) and their e is multiplied by a public 0, so their output is
/// exactly 0.
/// </para>
/// Valid for |x| &lt; 2^20. Error against the exact softmax (SoftmaxTests, 6 rows of 128 incl. equal,
/// dominant and spread rows): max abs 1.9e-5 per entry (the reciprocal's relative error times p,
/// plus negexp's error renormalised).
/// Cost: MaxA (33 rounds at L = 128, see <see cref="RoundBudget"/>) + 8 + 15 + 2: 58 rounds at
/// L = 128; 157.8 bytes per element per party (<see cref="Cost"/>).
/// </summary>
public static class SoftmaxA
{
    /// <summary>Inputs are valid for |x| &lt; 2^InputBits.</summary>
    private const int InputBits = 20;

    /// <summary>The value masked entries take in the maximum.</summary>
    private const double MaskedValue = -(1 << InputBits);

    /// <summary>
    /// Rounds a softmax may take. The row maximum gets what negexp, the reciprocal and the final
    /// product leave of it and spends them on fewer comparisons (<see cref="MaxPlan.Within"/>): for
    /// an attention layer's thousands of rows, halving the comparisons saves more time than 8
    /// rounds cost even at 1 ms round trips, while a round-leanest max would leave rounds unused.
    /// </summary>
    private const int RoundBudget = 60;

    public static ProtocolCost Cost(int rows, int columns, int fractionalBits)
        => MaxA.Cost(rows, columns, MaxPlanFor(columns, fractionalBits))
            .Then(NegExpA.Cost(rows * columns, Clip(fractionalBits), DoubleScale(fractionalBits)))
            .Then(ReciprocalA.Cost(rows, SumRange(columns, fractionalBits)))
            .Then(RowScaleTruncAA.Cost(rows * columns));

    public static AShare Softmax(PartyContext context, AShare x, int rows, int columns, IReadOnlyList<int>? validLengths = null)
    {
        using var _ = context.Scope("softmax");
        var z = AShare.Uninitialized(x.Length);
        context.Run(Steps(context, x, rows, columns, validLengths, z));
        return z;
    }

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, int rows, int columns, IReadOnlyList<int>? validLengths, AShare destination)
    {
        int f = context.Config.FractionalBits, n = x.Length;
        if (n != (long)rows * columns) throw new ArgumentException($"{n} elements are not {rows} rows of {columns}.", nameof(x));
        if (validLengths is not null && validLengths.Count != rows) throw new ArgumentException("One valid length per row.", nameof(validLengths));
        // Without a mask the row maximum reads x itself.
        var masked = validLengths is null ? x : AShare.Uninitialized(n);
        var shifted = AShare.Uninitialized(n);
        var e = AShare.Uninitialized(n);
        using var keep = validLengths is null ? null : new NativeArray(Keep(validLengths, columns));
        try
        {
            if (keep is not null)
            {
                LinearA.MultiplyPublic(x, keep.Span, masked);
                var filler = keep.Span.ToArray().Select(k => k == 1 ? 0 : FixedPoint.Encode(MaskedValue, f)).ToArray();
                LinearA.AddPublic(context, masked, filler, masked);
            }

            using var max = new AShare(rows);
            var plan = MaxPlanFor(columns, f);
            foreach (var step in MaxA.Steps(context, masked, rows, columns, plan, max)) yield return step;
            RowLayout.SubtractRows(masked, max, columns, shifted);
            LinearA.AddPublic(context, shifted, 0UL - Margin(plan), shifted);

            // e stays at 2f fractional bits where that fits: the final product then truncates by 2f at once.
            int scale = EScale(f);
            foreach (var step in NegExpA.Steps(context, shifted, e, Clip(f), DoubleScale(f))) yield return step;
            if (keep is not null) LinearA.MultiplyPublic(e, keep.Span, e);

            using var sums = new AShare(rows);
            RowLayout.RowSums(e, columns, sums);
            using var inverse = new AShare(rows);
            foreach (var step in ReciprocalA.Steps(context, sums, SumRange(columns, f), inverse, inputFractionalBits: scale)) yield return step;
            foreach (var step in RowScaleTruncAA.Steps(context, e, inverse, columns, scale, destination)) yield return step;
        }
        finally
        {
            if (masked != x) masked.Dispose();
            shifted.Dispose();
            e.Dispose();
        }
    }

    /// <summary>
    /// The row maximum's plan: the fewest comparisons within the rounds the rest leaves of
    /// <see cref="RoundBudget"/>, with coarse signs (differences of inputs are below 2^(InputBits+1)):
    /// softmax is shift-invariant, so a maximum a little below the true one serves as well once
    /// <see cref="Margin"/> keeps every x − max at or below 0.
    /// </summary>
    internal static MaxPlan MaxPlanFor(int columns, int fractionalBits)
    {
        int rest = NegExpA.Cost(0, Clip(fractionalBits), DoubleScale(fractionalBits)).Then(ReciprocalA.Cost(0, SumRange(columns, fractionalBits))).Then(RowScaleTruncAA.Cost(0)).Rounds;
        return MaxPlan.Within(columns, RoundBudget - rest, SignMethod.Coarse(InputBits + 1 + fractionalBits));
    }

    /// <summary>Each level's winner is within 3·2^L of its group's maximum (see <see cref="TournamentLevel.Differences"/>), so the row maximum is within this many ring units.</summary>
    internal static ulong Margin(MaxPlan plan) => plan.Sign.Shift is int shift ? 3UL * (ulong)plan.GroupSizes.Count << shift : 0;

    /// <summary>negexp's cut-off on x − max − margin ∈ (−2^(InputBits+1) − margin, 0]: a coarse sign moves it by less than 2^(L+1).</summary>
    private static SignMethod Clip(int fractionalBits) => SignMethod.Coarse(InputBits + 2 + fractionalBits);

    /// <summary>
    /// Whether e can stay at 2f fractional bits: the final product e·(1/Σe) is then at 3f (e ≤ 1,
    /// 1/Σe ≤ 2) and must stay below the truncation's 2^62; at PUMA's f = 18 it is 2^55.
    /// </summary>
    private static bool DoubleScale(int fractionalBits) => 3 * fractionalBits + 1 < 62;

    /// <summary>The fractional bits of e: 2f, or f where <see cref="DoubleScale"/> does not fit.</summary>
    private static int EScale(int fractionalBits) => DoubleScale(fractionalBits) ? 2 * fractionalBits : fractionalBits;

    /// <summary>Σe of a row (e at <see cref="EScale"/> fractional bits s) is in [1/2, L]: its highest bit is between s − 1 and s + ⌈log2(L + 1)⌉.</summary>
    internal static ExponentRange SumRange(int columns, int fractionalBits)
        => new(EScale(fractionalBits) - 1, EScale(fractionalBits) + 1 + (int)Math.Ceiling(Math.Log2(columns + 1)));

    private static ulong[] Keep(IReadOnlyList<int> validLengths, int columns)
        => [.. validLengths.SelectMany(valid => Enumerable.Range(0, columns).Select(j => j < valid ? 1UL : 0UL))];
}
