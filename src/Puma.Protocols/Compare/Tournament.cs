using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Compare;

/// <summary>
/// The row reduction behind <see cref="MaxA"/> and <see cref="ArgMaxA"/>. Per level (see
/// <see cref="MaxPlan"/>): all pairs of every group compared in one sign call (the plan's
/// <see cref="SignMethod"/>); each member ANDs its "beats every other" bits (ties go to the first
/// index, so exactly one member of a group wins); the win bits go to arithmetic
/// (<see cref="GroupWins"/>: all but the last member's, whose win is 1 − the others'); the group
/// maximum is Σ win_i·v_i (<see cref="GroupedDot"/>, 1 round). For the one-hot, the arithmetic
/// wins of the first level are the column indicators, and each later level multiplies every
/// column by the win of its candidate in the same round as the maximum, so the argmax costs no
/// extra rounds.
/// </summary>
internal static class Tournament
{
    public static ProtocolCost Cost(int rows, int columns, MaxPlan plan, bool oneHot)
    {
        var cost = new ProtocolCost(0, 0);
        int index = 0;
        foreach (var (width, group) in plan.Widths().Zip(plan.GroupSizes))
        {
            var level = new TournamentLevel(rows, width, group);
            var select = GroupedDot.Cost(level.ContestedGroups);
            if (oneHot && index > 0) select = select.Alongside(MulAA.Cost(rows * columns));
            cost = cost.Then(plan.Sign.Cost(level.Pairs))
                .Then(AndReduction.Cost(level.Planes, level.PlaneWords))
                .Then(GroupWins.Cost(level))
                .Then(select);
            index++;
        }
        return cost;
    }

    /// <summary>Writes the row maxima to <paramref name="max"/> (rows) and/or the one-hot argmax to <paramref name="oneHot"/> (rows × columns).</summary>
    public static IEnumerable<Step> Steps(PartyContext context, AShare x, int rows, int columns, MaxPlan plan, AShare? max, AShare? oneHot)
    {
        if (x.Length != (long)rows * columns) throw new ArgumentException($"{x.Length} elements are not {rows} rows of {columns}.", nameof(x));
        if (plan.Length != columns) throw new ArgumentException($"The plan is for rows of {plan.Length}, not {columns}.", nameof(plan));
        if (max is not null && max.Length != rows) throw new ArgumentException($"The maxima need {rows} elements.", nameof(max));
        if (oneHot is not null && oneHot.Length != x.Length) throw new ArgumentException($"The one-hot needs {x.Length} elements.", nameof(oneHot));
        var pool = context.Buffers;
        var values = pool.RentArithmetic(x.Length);
        CopyInto(x, values);
        AShare? hot = null;
        var memberOfColumn = Enumerable.Range(0, columns).ToArray();
        try
        {
            int index = 0;
            foreach (var (width, group) in plan.Widths().Zip(plan.GroupSizes))
            {
                var level = new TournamentLevel(rows, width, group);
                var wins = pool.RentArithmetic(level.Members);
                var candidates = pool.RentArithmetic(level.Members);
                var groupMaxima = pool.RentArithmetic(level.ContestedGroups);
                var next = pool.RentArithmetic(rows * level.GroupsPerRow);
                AShare? nextHot = null;
                try
                {
                    var compared = Compared(context, values, plan.Sign);
                    try
                    {
                        foreach (var step in Wins(context, level, plan.Sign, compared, wins)) yield return step;
                    }
                    finally
                    {
                        if (compared != values) pool.Return(compared);
                    }

                    level.Candidates(values, candidates);
                    var select = GroupedDot.Steps(context, wins, candidates, level.ContestedSizes(), groupMaxima);
                    using var columnWins = oneHot is null ? null : level.WinsPerColumn(context, wins, memberOfColumn);
                    if (columnWins is not null && index == 0)
                    {
                        nextHot = columnWins;
                    }
                    else if (columnWins is not null)
                    {
                        nextHot = new AShare(rows * columns);
                        select = Net.Steps.Together(select, MulAA.Steps(context, hot!, columnWins, nextHot));
                    }
                    foreach (var step in select) yield return step;

                    level.Assemble(values, groupMaxima, next);
                    (values, next) = (next, values);
                    if (nextHot is not null)
                    {
                        if (index == 0) nextHot = Copy(nextHot);
                        hot?.Dispose();
                        hot = nextHot;
                    }
                }
                finally
                {
                    foreach (var share in (ReadOnlySpan<AShare>)[wins, candidates, groupMaxima, next]) pool.Return(share);
                }
                for (int c = 0; c < columns; c++) memberOfColumn[c] /= group;
                index++;
            }
            if (max is not null) CopyInto(values, max);
            if (oneHot is not null)
            {
                if (hot is null) PublicOnes(context, oneHot);
                else CopyInto(hot, oneHot);
            }
        }
        finally
        {
            pool.Return(values);
            hot?.Dispose();
        }
    }

    /// <summary>
    /// The values the level compares: with a coarse sign, each share component with its low
    /// <see cref="SignMethod.Shift"/> bits cleared (in place in a pooled copy). Every party clears the
    /// components it holds alike, so each value v becomes one v' in (v − 3·2^L, v], and
    /// the windowed signs of differences v'_i − v'_j are exact: the comparisons stay a total order and
    /// every group has exactly one winner, whose v is within 3·2^L of the group's maximum.
    /// </summary>
    private static AShare Compared(PartyContext context, AShare values, SignMethod sign)
    {
        if (sign.Shift is not int shift) return values;
        var cleared = context.Buffers.RentArithmetic(values.Length);
        ulong keep = ~((1UL << shift) - 1);
        Ring.And(values.Own.Span, keep, cleared.Own.Span);
        Ring.And(values.Next.Span, keep, cleared.Next.Span);
        return cleared;
    }

    /// <summary>Compare, AND the beats bits (as planes), convert: the arithmetic win of every contested member.</summary>
    private static IEnumerable<Step> Wins(PartyContext context, TournamentLevel level, SignMethod sign, AShare values, AShare wins)
    {
        var pool = context.Buffers;
        var differences = pool.RentArithmetic(level.Pairs);
        var lessThan = pool.RentBoolean(level.Pairs);
        var planes = pool.RentBoolean(level.Planes * level.PlaneWords);
        try
        {
            level.Differences(values, differences);
            foreach (var step in sign.Steps(context, differences, lessThan)) yield return step;
            level.BeatPlanes(context, lessThan, planes);
            foreach (var step in AndReduction.Steps(context, planes, level.Planes, level.PlaneWords)) yield return step;
            foreach (var step in GroupWins.Steps(context, level, planes, wins)) yield return step;
        }
        finally
        {
            pool.Return(differences);
            pool.Return(lessThan);
            pool.Return(planes);
        }
    }

    private static AShare Copy(AShare x)
    {
        var copy = new AShare(x.Length);
        CopyInto(x, copy);
        return copy;
    }

    private static void CopyInto(AShare source, AShare destination)
    {
        source.Own.Span.CopyTo(destination.Own.Span);
        source.Next.Span.CopyTo(destination.Next.Span);
    }

    private static void PublicOnes(PartyContext context, AShare destination)
    {
        if (context.Id == 0) destination.Own.Span.Fill(1);
        if (context.Id == 2) destination.Next.Span.Fill(1);
    }
}
