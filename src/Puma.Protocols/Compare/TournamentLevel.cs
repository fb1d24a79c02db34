using Puma.Protocols.Core;
using Puma.Simd;

namespace Puma.Protocols.Compare;

/// <summary>
/// Index bookkeeping of one level of <see cref="Tournament"/>: rows of <see cref="Width"/> values
/// cut into groups of <see cref="Group"/> (only a row's last group may be smaller, and only it may be
/// a singleton, which passes through uncontested). Contested members of a row are its first
/// <see cref="MembersPerRow"/> values, so member and value indices coincide within a row.
/// </summary>
internal sealed class TournamentLevel
{
    public TournamentLevel(int rows, int width, int group)
    {
        Rows = rows;
        Width = width;
        Group = group;
        GroupsPerRow = (width + group - 1) / group;
        int last = width - group * (GroupsPerRow - 1);
        ContestedPerRow = last == 1 ? GroupsPerRow - 1 : GroupsPerRow;
        MembersPerRow = last == 1 ? width - 1 : width;
        PairsPerRow = (int)MaxPlan.Comparisons(width, group);
        Planes = Math.Min(group, width) - 1;
    }

    public int Rows { get; }
    public int Width { get; }
    public int Group { get; }
    public int GroupsPerRow { get; }
    public int ContestedPerRow { get; }
    public int MembersPerRow { get; }
    public int PairsPerRow { get; }

    /// <summary>Bit planes of the AND-reduction: the most others a member must beat.</summary>
    public int Planes { get; }

    /// <summary>Words of one bit plane: one bit per member.</summary>
    public int PlaneWords => BitPacking.PackedLength(Members, 1);

    public int Pairs => Rows * PairsPerRow;
    public int Members => Rows * MembersPerRow;
    public int ContestedGroups => Rows * ContestedPerRow;

    /// <summary>Size of contested group q of a row.</summary>
    public int SizeOf(int q) => Math.Min(Group, Width - q * Group);

    /// <summary>Per contested group, in order: its size.</summary>
    public int[] ContestedSizes() => PerRow(ContestedPerRow, SizeOf);

    /// <summary>The same <paramref name="perRow"/> values, each from <paramref name="value"/>(index in row), for every row.</summary>
    private int[] PerRow(int perRow, Func<int, int> value)
    {
        var row = new int[perRow];
        for (int i = 0; i < perRow; i++) row[i] = value(i);
        var all = new int[Rows * perRow];
        for (int r = 0; r < Rows; r++) row.CopyTo(all, r * perRow);
        return all;
    }

    /// <summary>
    /// v'_i − v'_j for every pair i &lt; j of every contested group. With a coarse sign's window
    /// shift L, v' is v with the low L bits of each share component cleared: every party clears the
    /// components it holds alike, so each v becomes one v' in (v − 3·2^L, v], and the windowed signs
    /// of the differences are exact: the comparisons stay a total order and every group has exactly
    /// one winner, whose v is within 3·2^L of the group's maximum. Without a shift v' = v.
    /// </summary>
    public void Differences(AShare values, AShare differences, int? clearedLowBits)
    {
        PairDifferences(values.Own.Span, KeepMask(clearedLowBits), differences.Own.Span);
        PairDifferences(values.Next.Span, KeepMask(clearedLowBits), differences.Next.Span);
    }

    /// <summary>All ones but the <paramref name="clearedLowBits"/> lowest bits (none when null).</summary>
    private static ulong KeepMask(int? clearedLowBits) => clearedLowBits is int shift ? ~((1UL << shift) - 1) : ulong.MaxValue;

    private void PairDifferences(ReadOnlySpan<ulong> values, ulong keep, Span<ulong> differences)
    {
        if (Group == 2)
        {
            AdjacentDifferences(values, keep, differences);
            return;
        }
        // Each member is cleared once into a group-sized scratch, then enters its g − 1 differences.
        Span<ulong> cleared = Group <= 64 ? stackalloc ulong[Group] : new ulong[Group];
        int pair = 0;
        for (int r = 0; r < Rows; r++)
        {
            for (int q = 0; q < ContestedPerRow; q++)
            {
                var members = values.Slice(r * Width + q * Group, SizeOf(q));
                for (int i = 0; i < members.Length; i++) cleared[i] = members[i] & keep;
                for (int i = 0; i < members.Length; i++)
                {
                    ulong first = cleared[i];
                    for (int j = i + 1; j < members.Length; j++) differences[pair++] = first - cleared[j];
                }
            }
        }
    }

    /// <summary>Groups of 2: v'_{2q} − v'_{2q+1} for each contested pair q of each row.</summary>
    private void AdjacentDifferences(ReadOnlySpan<ulong> values, ulong keep, Span<ulong> differences)
    {
        for (int r = 0, pair = 0; r < Rows; r++)
        {
            var row = values.Slice(r * Width, 2 * ContestedPerRow);
            for (int q = 0; q < ContestedPerRow; q++) differences[pair++] = (row[2 * q] & keep) - (row[2 * q + 1] & keep);
        }
    }

    /// <summary>
    /// Groups of 2, for pair k of each row: the compared difference v'_2k − v'_2k+1 (see
    /// <see cref="Differences"/>), the exact difference v_2k − v_2k+1 and this party's own
    /// component of v_2k+1 (the only one its product adds).
    /// </summary>
    public void PairOperands(AShare values, int? clearedLowBits, AShare compared, AShare differences, NativeArray ownSeconds)
    {
        if (Group != 2) throw new InvalidOperationException($"Pair operands need groups of 2, not {Group}.");
        PairOperands(values.Own.Span, KeepMask(clearedLowBits), compared.Own.Span, differences.Own.Span, ownSeconds.Span);
        PairOperands(values.Next.Span, KeepMask(clearedLowBits), compared.Next.Span, differences.Next.Span, []);
    }

    /// <summary>One component's pair operands; the seconds are written only where <paramref name="seconds"/> is not empty.</summary>
    private void PairOperands(ReadOnlySpan<ulong> values, ulong keep, Span<ulong> compared, Span<ulong> differences, Span<ulong> seconds)
    {
        bool withSeconds = !seconds.IsEmpty;
        for (int r = 0, pair = 0; r < Rows; r++)
        {
            var row = values.Slice(r * Width, 2 * ContestedPerRow);
            for (int q = 0; q < row.Length; q += 2, pair++)
            {
                ulong first = row[q], second = row[q + 1];
                compared[pair] = (first & keep) - (second & keep);
                differences[pair] = first - second;
                if (withSeconds) seconds[pair] = second;
            }
        }
    }

    /// <summary>
    /// The bit planes of <see cref="AndReduction"/>: bit m of plane p is member m's p-th "beats o"
    /// bit, for the others o of its group in order (v_m &gt; v_o, or equal with m first), and a
    /// public 1 past a small group's members. From lt(i, j) = v_i &lt; v_j (i &lt; j): m beats a later
    /// o iff NOT lt(m, o), an earlier o iff lt(o, m). A public bit sits in component 0 (party 0's
    /// Own, party 2's Next).
    /// </summary>
    public void BeatPlanes(PartyContext context, BShare lessThan, BShare planes)
    {
        ulong oneOwn = context.Id == 0 ? 1UL : 0, oneNext = context.Id == 2 ? 1UL : 0;
        if (Group == 2)
        {
            PairBeats(lessThan.Own.Span, oneOwn, planes.Own.Span);
            PairBeats(lessThan.Next.Span, oneNext, planes.Next.Span);
            return;
        }
        // Only a row's last group may be smaller: two templates serve every group.
        var full = BeatsTemplate(Math.Min(Group, Width));
        var last = BeatsTemplate(SizeOf(ContestedPerRow - 1));
        int words = PlaneWords;
        for (int p = 0; p < Planes; p++)
        {
            Plane(p, lessThan.Own.Span, oneOwn, full, last, planes.Own.Slice(p * words, words));
            Plane(p, lessThan.Next.Span, oneNext, full, last, planes.Next.Slice(p * words, words));
        }
    }

    /// <summary>Plane <paramref name="p"/> of one component, 64 members to a word, each word written once.</summary>
    private void Plane(int p, ReadOnlySpan<ulong> lessThan, ulong one, GroupBeats full, GroupBeats last, Span<ulong> plane)
    {
        ulong word = 0;
        int member = 0;
        for (int r = 0; r < Rows; r++)
        {
            for (int q = 0; q < ContestedPerRow; q++)
            {
                var template = SizeOf(q) == full.Size ? full : last;
                int groupBase = r * PairsPerRow + q * Group * (Group - 1) / 2, others = template.Size - 1;
                for (int i = 0; i < template.Size; i++, member++)
                {
                    ulong beats = one;
                    if (p < others)
                    {
                        int t = i * others + p;
                        beats = lessThan[groupBase + template.Pairs[t]] ^ (template.Later[t] & one);
                    }
                    word |= (beats & 1) << (member & 63);
                    if ((member & 63) == 63)
                    {
                        plane[member >> 6] = word;
                        word = 0;
                    }
                }
            }
        }
        if ((member & 63) != 0) plane[member >> 6] = word;
    }

    /// <summary>
    /// Groups of 2 (one plane; member 2k and 2k + 1 are pair k's): member 2k beats 2k + 1 iff NOT
    /// lt_k, and 2k + 1 beats 2k iff lt_k. 32 pairs fill a word: their lt bits spread to the odd
    /// positions, and (with <paramref name="one"/>, this component of a public 1, flipped in) to the even ones.
    /// </summary>
    private static void PairBeats(ReadOnlySpan<ulong> lessThan, ulong one, Span<ulong> plane)
    {
        const ulong Even = 0x5555_5555_5555_5555UL;
        ulong flip = one == 0 ? 0 : Even;
        for (int start = 0, w = 0; start < lessThan.Length; start += 32, w++)
        {
            var group = lessThan.Slice(start, Math.Min(32, lessThan.Length - start));
            ulong bits = 0;
            for (int j = 0; j < group.Length; j++) bits |= (group[j] & 1) << j;
            ulong valid = BitPacking.LowBits(2 * group.Length);
            plane[w] = ((BitPacking.Deposit(bits, Even) ^ flip) | BitPacking.Deposit(bits, ~Even)) & valid;
        }
    }

    /// <summary>
    /// For a group of <paramref name="size"/>, member by member and other by other: the pair compared
    /// (index within the group) and all-ones where the other comes later (the bit is then NOT lt).
    /// </summary>
    private static GroupBeats BeatsTemplate(int size)
    {
        var pairs = new int[size * (size - 1)];
        var later = new ulong[pairs.Length];
        int t = 0;
        for (int m = 0; m < size; m++)
        {
            for (int o = 0; o < size; o++)
            {
                if (o == m) continue;
                pairs[t] = PairIndex(Math.Min(m, o), Math.Max(m, o), size);
                later[t++] = m < o ? ulong.MaxValue : 0;
            }
        }
        return new GroupBeats(size, pairs, later);
    }

    /// <summary>Writes the contested members' values, in member order, to <paramref name="candidates"/> (<see cref="Members"/> long).</summary>
    public void Candidates(AShare values, AShare candidates)
    {
        for (int r = 0; r < Rows; r++)
        {
            values.Own.Slice(r * Width, MembersPerRow).CopyTo(candidates.Own.Slice(r * MembersPerRow, MembersPerRow));
            values.Next.Slice(r * Width, MembersPerRow).CopyTo(candidates.Next.Slice(r * MembersPerRow, MembersPerRow));
        }
    }

    /// <summary>Next level's values: each contested group's maximum, and each singleton as it was.</summary>
    public void Assemble(AShare values, AShare groupMaxima, AShare next)
    {
        for (int r = 0; r < Rows; r++)
        {
            groupMaxima.Own.Slice(r * ContestedPerRow, ContestedPerRow).CopyTo(next.Own.Slice(r * GroupsPerRow, ContestedPerRow));
            groupMaxima.Next.Slice(r * ContestedPerRow, ContestedPerRow).CopyTo(next.Next.Slice(r * GroupsPerRow, ContestedPerRow));
            if (ContestedPerRow == GroupsPerRow) continue;
            next.Own.Span[r * GroupsPerRow + GroupsPerRow - 1] = values.Own.Span[r * Width + Width - 1];
            next.Next.Span[r * GroupsPerRow + GroupsPerRow - 1] = values.Next.Span[r * Width + Width - 1];
        }
    }

    /// <summary>
    /// Per original column: the win (0/1, arithmetic) of the member its candidate is at this level,
    /// or a public 1 for a singleton. <paramref name="memberOfColumn"/> maps a column to its
    /// candidate's index within the row.
    /// </summary>
    public AShare WinsPerColumn(PartyContext context, AShare wins, int[] memberOfColumn)
    {
        int columns = memberOfColumn.Length;
        var result = new AShare(Rows * columns);
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                int m = memberOfColumn[c];
                int target = r * columns + c;
                if (m < MembersPerRow)
                {
                    result.Own.Span[target] = wins.Own.Span[r * MembersPerRow + m];
                    result.Next.Span[target] = wins.Next.Span[r * MembersPerRow + m];
                }
                else
                {
                    result.Own.Span[target] = context.Id == 0 ? 1UL : 0;
                    result.Next.Span[target] = context.Id == 2 ? 1UL : 0;
                }
            }
        }
        return result;
    }

    /// <summary>Index of pair (i, j), i &lt; j, among the pairs of a group of <paramref name="size"/>, enumerated i-major.</summary>
    private static int PairIndex(int i, int j, int size) => i * (2 * size - i - 1) / 2 + (j - i - 1);

    /// <summary>A group's "beats" bits: per member and other, the pair compared and whether the other comes later.</summary>
    private readonly record struct GroupBeats(int Size, int[] Pairs, ulong[] Later);
}
