using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Compare;

/// <summary>
/// b·x for shared bits b (boolean, bit 0 of each word) and arithmetic x, elementwise: the bits
/// go to arithmetic in one round (<see cref="BitToArithmetic"/>), then one multiplication round.
/// The multi-operand form multiplies the same bits by several vectors, converting them once and
/// running all products in the same round. No truncation (the bit carries no fractional bits).
/// Cost: 2 rounds; per element 6 words for the bit plus 3 per operand, in total.
/// </summary>
public static class SelectBA
{
    public static ProtocolCost Cost(int length, int operands = 1)
        => BitToArithmetic.Cost(length).Then(MulAA.Cost(checked(length * operands)));

    public static AShare Select(PartyContext context, BShare bits, AShare x)
    {
        using var _ = context.Scope("select");
        var result = new AShare(x.Length);
        context.Run(Steps(context, bits, x, result));
        return result;
    }

    /// <summary>b·x_j for every operand x_j (each of the length of b).</summary>
    public static AShare[] Select(PartyContext context, BShare bits, IReadOnlyList<AShare> operands)
    {
        using var _ = context.Scope("select");
        var results = operands.Select(x => new AShare(x.Length)).ToArray();
        context.Run(Steps(context, bits, operands, results));
        return results;
    }

    public static IEnumerable<Step> Steps(PartyContext context, BShare bits, AShare x, AShare destination)
        => Steps(context, bits, [x], [destination]);

    public static IEnumerable<Step> Steps(PartyContext context, BShare bits, IReadOnlyList<AShare> operands, IReadOnlyList<AShare> destinations)
    {
        if (operands.Count != destinations.Count) throw new ArgumentException("One destination per operand.", nameof(destinations));
        if (operands.Any(x => x.Length != bits.Length)) throw new ArgumentException($"Every operand must have the {bits.Length} elements of the bits.", nameof(operands));
        var arithmetic = AShare.Uninitialized(bits.Length);
        try
        {
            foreach (var step in BitToArithmetic.Steps(context, bits, arithmetic)) yield return step;
            var products = operands.Select((x, j) => MulAA.Steps(context, arithmetic, x, destinations[j])).ToArray();
            foreach (var step in Net.Steps.Together(products)) yield return step;
        }
        finally
        {
            arithmetic.Dispose();
        }
    }
}
