using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Compare;

/// <summary>
/// Row-wise argmax of an n × L arithmetic share (row-major) as a shared one-hot matrix: an
/// arithmetic 0/1 per element, exactly one 1 per row, at the first index among equal maxima.
/// Same rounds as <see cref="MaxA"/> with the same plan (the indicator products ride in the
/// maximum's rounds); optionally returns the maxima too. Valid for |x| &lt; 2^62.
/// </summary>
public static class ArgMaxA
{
    public static ProtocolCost Cost(int rows, int columns, MaxPlan? plan = null)
        => Tournament.Cost(rows, columns, plan ?? MaxPlan.For(columns), oneHot: true);

    public static AShare ArgMax(PartyContext context, AShare x, int rows, int columns, MaxPlan? plan = null)
    {
        using var _ = context.Scope("argmax");
        var oneHot = new AShare(x.Length);
        context.Run(Steps(context, x, rows, columns, plan ?? MaxPlan.For(columns), oneHot, max: null));
        return oneHot;
    }

    /// <summary>The one-hot into <paramref name="oneHot"/>, and the row maxima into <paramref name="max"/> when given.</summary>
    public static IEnumerable<Step> Steps(PartyContext context, AShare x, int rows, int columns, MaxPlan plan, AShare oneHot, AShare? max)
        => Tournament.Steps(context, x, rows, columns, plan, max, oneHot);
}
