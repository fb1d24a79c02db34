using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Compare;

/// <summary>
/// Row-wise maximum of an n × L arithmetic share (row-major), as signed integers (differences must
/// fit in 63 bits: |x| &lt; 2^62). Reduces by the groups of a <see cref="MaxPlan"/>
/// (<see cref="Tournament"/>): all-pairs comparisons inside groups in one <see cref="MsbA"/> call
/// per level, instead of the binary tree's one level per halving.
/// Measured on rows of 128 (MaxTests): the default plan (groups of 8, then 16) takes 23 rounds,
/// the plain binary tree 56 (7 levels of compare 6 + select 2); the default sends about 4.4
/// comparisons per element against ~1 for the tree.
/// A plan with coarse signs (<see cref="MaxPlan.Within(int, int, SignMethod?)"/>, bounded
/// differences) returns one of the row's values within 3·2^L per level of the maximum, at half
/// the comparison bytes and a round less per level (softmax, which is shift-invariant, uses it).
/// </summary>
public static class MaxA
{
    public static ProtocolCost Cost(int rows, int columns, MaxPlan? plan = null)
        => Tournament.Cost(rows, columns, plan ?? MaxPlan.For(columns), oneHot: false);

    public static AShare Max(PartyContext context, AShare x, int rows, int columns, MaxPlan? plan = null)
    {
        using var _ = context.Scope("max");
        var max = new AShare(rows);
        context.Run(Steps(context, x, rows, columns, plan ?? MaxPlan.For(columns), max));
        return max;
    }

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, int rows, int columns, MaxPlan plan, AShare max)
        => Tournament.Steps(context, x, rows, columns, plan, max, oneHot: null);
}
