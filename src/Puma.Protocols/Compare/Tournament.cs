using Puma.Protocols.Arithmetic;
using Puma.Protocols.Boolean;
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
/// extra rounds. A level of pairs without an argmax takes the same steps on the first member's
/// win alone (<see cref="PairMaxima"/>).
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
        // The first level reads x itself; every later level reads the pooled maxima of the one before.
        var values = x;
        using var columnState = oneHot is null ? null : new OneHotColumns(columns);
        try
        {
            foreach (var (width, group) in plan.Widths().Zip(plan.GroupSizes))
            {
                var level = new TournamentLevel(rows, width, group);
                var groupMaxima = AShare.Uninitialized(level.ContestedGroups);
                var next = AShare.Uninitialized(rows * level.GroupsPerRow);
                try
                {
                    var maxima = columnState is null && group == 2
                        ? PairMaxima(context, level, plan.Sign, values, groupMaxima)
                        : GroupMaxima(context, level, plan.Sign, values, groupMaxima, columnState);
                    foreach (var step in maxima) yield return step;
                    level.Assemble(values, groupMaxima, next);
                    (values, next) = (next, values);
                }
                finally
                {
                    groupMaxima.Dispose();
                    // After the swap, next holds this level's input (unless an exception came first); x is the caller's.
                    if (next != x) next.Dispose();
                }
                columnState?.Advance(group);
            }
            if (max is not null) CopyInto(values, max);
            if (oneHot is not null)
            {
                if (columnState!.Hot is null) PublicOnes(context, oneHot);
                else CopyInto(columnState.Hot, oneHot);
            }
        }
        finally
        {
            if (values != x) values.Dispose();
        }
    }

    /// <summary>
    /// A level of pairs: max = v_2k+1 + a·(v_2k − v_2k+1), where a = NOT lt(2k, 2k+1) is the first
    /// member's win in arithmetic (the second's is 1 − a). These are the comparisons, conversions
    /// and products of <see cref="GroupMaxima"/> for pairs, at the same cost, without its bit
    /// planes and member bookkeeping.
    /// </summary>
    private static IEnumerable<Step> PairMaxima(PartyContext context, TournamentLevel level, SignMethod sign, AShare values, AShare maxima)
    {
        int pairs = level.ContestedGroups;
        var compared = AShare.Uninitialized(pairs);
        var differences = AShare.Uninitialized(pairs);
        var ownSeconds = NativeArray.Uninitialized(pairs);
        var lessThan = BShare.Uninitialized(pairs);
        var firstWins = AShare.Uninitialized(pairs);
        try
        {
            level.PairOperands(values, sign.Shift, compared, differences, ownSeconds);
            foreach (var step in sign.Steps(context, compared, lessThan)) yield return step;
            LinearB.XorPublic(context, lessThan, 1, lessThan);
            foreach (var step in BitToArithmetic.Steps(context, lessThan, firstWins)) yield return step;
            foreach (var step in MulAA.Steps(context, firstWins, differences, maxima, ownAddend: ownSeconds)) yield return step;
        }
        finally
        {
            foreach (var share in (ReadOnlySpan<AShare>)[compared, differences, firstWins]) share.Dispose();
            ownSeconds.Dispose();
            lessThan.Dispose();
        }
    }

    /// <summary>
    /// A level of any groups: every member's arithmetic win (<see cref="Wins"/>), then each group's
    /// Σ win_i·v_i (<see cref="GroupedDot"/>); for the argmax, the running one-hot times this
    /// level's wins in the same round.
    /// </summary>
    private static IEnumerable<Step> GroupMaxima(PartyContext context, TournamentLevel level, SignMethod sign, AShare values, AShare maxima, OneHotColumns? columnState)
    {
        var wins = AShare.Uninitialized(level.Members);
        // Where every value of a row is contested, the candidates are the values themselves.
        var candidates = level.MembersPerRow == level.Width ? values : AShare.Uninitialized(level.Members);
        AShare? nextHot = null;
        try
        {
            foreach (var step in Wins(context, level, sign, values, wins)) yield return step;
            if (candidates != values) level.Candidates(values, candidates);
            var select = GroupedDot.Steps(context, wins, candidates, level.ContestedSizes(), maxima);
            using var columnWins = columnState is null ? null : level.WinsPerColumn(context, wins, columnState.MemberOfColumn);
            if (columnWins is not null && columnState!.Hot is null)
            {
                nextHot = Copy(columnWins);
            }
            else if (columnWins is not null)
            {
                nextHot = new AShare(columnWins.Length);
                select = Net.Steps.Together(select, MulAA.Steps(context, columnState!.Hot!, columnWins, nextHot));
            }
            foreach (var step in select) yield return step;
            if (nextHot is not null)
            {
                columnState!.Hot?.Dispose();
                columnState.Hot = nextHot;
                nextHot = null;
            }
        }
        finally
        {
            nextHot?.Dispose();
            wins.Dispose();
            if (candidates != values) candidates.Dispose();
        }
    }

    /// <summary>Compare, AND the beats bits (as planes), convert: the arithmetic win of every contested member.</summary>
    private static IEnumerable<Step> Wins(PartyContext context, TournamentLevel level, SignMethod sign, AShare values, AShare wins)
    {
        var differences = AShare.Uninitialized(level.Pairs);
        var lessThan = BShare.Uninitialized(level.Pairs);
        var planes = BShare.Uninitialized(level.Planes * level.PlaneWords);
        try
        {
            level.Differences(values, differences, sign.Shift);
            foreach (var step in sign.Steps(context, differences, lessThan)) yield return step;
            level.BeatPlanes(context, lessThan, planes);
            foreach (var step in AndReduction.Steps(context, planes, level.Planes, level.PlaneWords)) yield return step;
            foreach (var step in GroupWins.Steps(context, level, planes, wins)) yield return step;
        }
        finally
        {
            differences.Dispose();
            lessThan.Dispose();
            planes.Dispose();
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

    /// <summary>The argmax's running one-hot: per column, whether its candidate has won every level so far.</summary>
    private sealed class OneHotColumns(int columns) : IDisposable
    {
        /// <summary>The one-hot so far (rows × columns), or null before the first level.</summary>
        public AShare? Hot { get; set; }

        /// <summary>Per column, the index within its row of the candidate it is at the current level.</summary>
        public int[] MemberOfColumn { get; } = Enumerable.Range(0, columns).ToArray();

        public void Advance(int group)
        {
            for (int c = 0; c < MemberOfColumn.Length; c++) MemberOfColumn[c] /= group;
        }

        public void Dispose() => Hot?.Dispose();
    }
}
