using Puma.Protocols.Arithmetic;
using Puma.Protocols.Compare;
using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Functions;

/// <summary>
/// ReLU, max(x, 0) = x − [x &lt; 0]·x: the sign bit by <see cref="MsbA"/>, its product with x by
/// <see cref="SelectBA"/>, the subtraction local. Exact on the whole ring (no approximation and no
/// truncation: the bit carries no fractional bits), so any fixed-point scale passes through.
/// Cost: MSB then select, 8 rounds (<see cref="Cost"/>).
/// </summary>
public static class ReluA
{
    public static ProtocolCost Cost(int length) => MsbA.Cost(length).Then(SelectBA.Cost(length));

    public static AShare Relu(PartyContext context, AShare x)
    {
        using var _ = context.Scope("relu");
        var result = new AShare(x.Length);
        context.Run(Steps(context, x, result));
        return result;
    }

    /// <summary>The protocol as a coroutine writing max(x, 0) into <paramref name="destination"/> (length of x).</summary>
    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare destination)
    {
        if (destination.Length != x.Length) throw new ArgumentException($"Destination holds {destination.Length} elements for {x.Length}.", nameof(destination));
        using var negative = BShare.Uninitialized(x.Length);
        foreach (var step in MsbA.Steps(context, x, negative)) yield return step;
        foreach (var step in SelectBA.Steps(context, negative, x, destination)) yield return step;
        LinearA.Subtract(x, destination, destination);
    }
}
