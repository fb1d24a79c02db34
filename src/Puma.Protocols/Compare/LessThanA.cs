using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Compare;

/// <summary>
/// Comparisons of arithmetic shares as signed integers (two's complement), via x &lt; y ⇔
/// msb(x - y): valid whenever the exact difference fits, −2^63 ≤ x − y &lt; 2^63 (always so for
/// |x|, |y| &lt; 2^62, the fixed-point validity range of PROTOCOLS.md §1). Results are boolean
/// shares with the bit in bit 0. Cost: that of <see cref="MsbA"/> (the subtraction is local).
/// To batch several comparisons into one call, concatenate the differences and call
/// <see cref="MsbA.Steps"/>, or run these coroutines with <see cref="Net.Steps.Together"/>.
/// </summary>
public static class LessThanA
{
    public static ProtocolCost Cost(int length) => MsbA.Cost(length);

    /// <summary>x &lt; y elementwise.</summary>
    public static BShare LessThan(PartyContext context, AShare x, AShare y) => Run(context, x.Length, d => Steps(context, x, y, d));

    /// <summary>x &lt; c for a public constant c.</summary>
    public static BShare LessThanPublic(PartyContext context, AShare x, ulong constant) => Run(context, x.Length, d => LessThanPublicSteps(context, x, constant, d));

    /// <summary>c &lt; x for a public constant c.</summary>
    public static BShare GreaterThanPublic(PartyContext context, AShare x, ulong constant) => Run(context, x.Length, d => GreaterThanPublicSteps(context, x, constant, d));

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare y, BShare destination)
        => MsbOf(context, x.Length, difference => LinearA.Subtract(x, y, difference), destination);

    public static IEnumerable<Step> LessThanPublicSteps(PartyContext context, AShare x, ulong constant, BShare destination)
        => MsbOf(context, x.Length, difference => LinearA.AddPublic(context, x, 0UL - constant, difference), destination);

    public static IEnumerable<Step> GreaterThanPublicSteps(PartyContext context, AShare x, ulong constant, BShare destination)
        => MsbOf(context, x.Length, difference =>
        {
            LinearA.Negate(x, difference);
            LinearA.AddPublic(context, difference, constant, difference);
        }, destination);

    /// <summary>msb of a difference written by <paramref name="subtract"/> into a pooled share (when the coroutine starts).</summary>
    private static IEnumerable<Step> MsbOf(PartyContext context, int length, Action<AShare> subtract, BShare destination)
    {
        var difference = AShare.Uninitialized(length);
        try
        {
            subtract(difference);
            foreach (var step in MsbA.Steps(context, difference, destination)) yield return step;
        }
        finally
        {
            difference.Dispose();
        }
    }

    private static BShare Run(PartyContext context, int length, Func<BShare, IEnumerable<Step>> protocol)
    {
        using var _ = context.Scope("less_than");
        var result = BShare.Uninitialized(length);
        context.Run(protocol(result));
        return result;
    }
}
