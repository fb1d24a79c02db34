using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Compare;

/// <summary>
/// The arithmetic wins of a <see cref="TournamentLevel"/>'s members from their win bits. Exactly
/// one member of each contested group wins (the comparisons are a total order), so the last
/// member's win is 1 − Σ of the others': only the others go through
/// <see cref="BitToArithmetic"/>, which saves a conversion per group (half of them for pairs).
/// Cost: 1 round, <see cref="BitToArithmetic"/> on members − contested groups.
/// </summary>
internal static class GroupWins
{
    public static ProtocolCost Cost(TournamentLevel level) => BitToArithmetic.Cost(level.Members - level.ContestedGroups);

    /// <summary><paramref name="winBits"/>: the members' win bits packed 64 to a word (plane 0 of <see cref="AndReduction"/>); <paramref name="wins"/>: one per member.</summary>
    public static IEnumerable<Step> Steps(PartyContext context, TournamentLevel level, BShare winBits, AShare wins)
    {
        int converted = level.Members - level.ContestedGroups;
        var bits = BShare.Uninitialized(converted);
        var arithmetic = AShare.Uninitialized(converted);
        try
        {
            Gather(level, winBits.Own.Span, bits.Own.Span);
            Gather(level, winBits.Next.Span, bits.Next.Span);
            foreach (var step in BitToArithmetic.Steps(context, bits, arithmetic)) yield return step;
            Scatter(level, arithmetic.Own.Span, wins.Own.Span, context.Id == 0 ? 1UL : 0);
            Scatter(level, arithmetic.Next.Span, wins.Next.Span, context.Id == 2 ? 1UL : 0);
        }
        finally
        {
            bits.Dispose();
            arithmetic.Dispose();
        }
    }

    /// <summary>The bits of every member but each group's last, in member order, one per word.</summary>
    private static void Gather(TournamentLevel level, ReadOnlySpan<ulong> memberBits, Span<ulong> bits)
    {
        int read = 0, write = 0;
        for (int r = 0; r < level.Rows; r++)
        {
            for (int q = 0; q < level.ContestedPerRow; q++)
            {
                int others = level.SizeOf(q) - 1;
                for (int i = 0; i < others; i++, read++) bits[write++] = (memberBits[read >> 6] >> (read & 63)) & 1;
                read++;
            }
        }
    }

    /// <summary>
    /// Places the converted wins back in member order and gives each group's last member
    /// <paramref name="one"/> − Σ of the others (<paramref name="one"/> is this component of a public 1).
    /// </summary>
    private static void Scatter(TournamentLevel level, ReadOnlySpan<ulong> converted, Span<ulong> wins, ulong one)
    {
        int read = 0, write = 0;
        for (int r = 0; r < level.Rows; r++)
        {
            for (int q = 0; q < level.ContestedPerRow; q++)
            {
                int others = level.SizeOf(q) - 1;
                ulong last = one;
                for (int i = 0; i < others; i++)
                {
                    ulong win = converted[read++];
                    wins[write++] = win;
                    last -= win;
                }
                wins[write++] = last;
            }
        }
    }
}
