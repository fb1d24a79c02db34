using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Compare;

/// <summary>
/// Σ_i w_i·v_i over consecutive groups of elements, one result per group: the local replicated
/// products (PROTOCOLS.md §4) are summed within each group before the masking zero share and the
/// resharing, so a group costs one element, however large. Cost: 1 round, 3 words per group.
/// </summary>
internal static class GroupedDot
{
    public static ProtocolCost Cost(int groups) => new(1, 3L * groups * sizeof(ulong));

    public static IEnumerable<Step> Steps(PartyContext context, AShare weights, AShare values, int[] groupSizes, AShare destination)
    {
        LocalSums(context, weights, values, groupSizes, destination.Own);
        context.Net.Send(Peer.Prev, destination.Own);
        context.Net.Receive(Peer.Next, destination.Next);
        yield return Step.Exchange;
    }

    private static void LocalSums(PartyContext context, AShare weights, AShare values, ReadOnlySpan<int> groupSizes, NativeArray destination)
    {
        context.Randomness.ZeroShare(destination.Span);
        var w0 = weights.Own.Span;
        var w1 = weights.Next.Span;
        var v0 = values.Own.Span;
        var v1 = values.Next.Span;
        var sums = destination.Span;
        int e = 0;
        for (int group = 0; group < groupSizes.Length; group++)
        {
            ulong sum = 0;
            for (int i = 0; i < groupSizes[group]; i++, e++) sum += w0[e] * (v0[e] + v1[e]) + w1[e] * v0[e];
            sums[group] += sum;
        }
    }
}
