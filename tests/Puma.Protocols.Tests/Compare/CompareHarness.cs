using Puma.Protocols.Core;
using Puma.Protocols.Runtime;

namespace Puma.Protocols.Tests.Compare;

/// <summary>Runs protocols with boolean inputs or outputs at three local parties and opens the result.</summary>
internal static class CompareHarness
{
    /// <summary>P0 shares the arithmetic <paramref name="inputs"/>; the body's boolean output is opened.</summary>
    public static ulong[] EvaluateBits(ulong[][] inputs, Func<PartyContext, AShare[], BShare> body, RunOptions? options = null)
        => Run(inputs, [], (c, a, _) => Reveal.RevealToAll(c, body(c, a)), options);

    /// <summary>P0 shares boolean <paramref name="bits"/> and arithmetic <paramref name="inputs"/>; the body's arithmetic output is opened.</summary>
    public static ulong[] EvaluateMixed(ulong[] bits, ulong[][] inputs, Func<PartyContext, BShare, AShare[], AShare> body)
        => Run(inputs, bits, (c, a, b) => Reveal.RevealToAll(c, body(c, b!, a)));

    /// <summary>Measured cost of <paramref name="body"/> (after sharing the inputs), summed over the parties.</summary>
    public static ProtocolCost Measure(ulong[] bits, ulong[][] inputs, Action<PartyContext, BShare, AShare[]> body, RunOptions? options = null)
    {
        var costs = ThreePartyRunner.Run(context =>
        {
            var (shares, bitShare) = Share(context, inputs, bits);
            long bytes = context.Net.BytesSent, rounds = context.Net.Rounds;
            body(context, bitShare, shares);
            var cost = (Rounds: context.Net.Rounds - rounds, Bytes: context.Net.BytesSent - bytes);
            Dispose(shares, bitShare);
            return cost;
        }, options);
        Assert.All(costs, c => Assert.Equal(costs[0].Rounds, c.Rounds));
        return new ProtocolCost((int)costs[0].Rounds, costs.Sum(c => c.Bytes));
    }

    public static ulong[] Signed(params long[] values) => values.Select(v => (ulong)v).ToArray();

    public static ulong[] RandomBetween(Random random, int length, long low, long high)
        => Enumerable.Range(0, length).Select(_ => (ulong)random.NextInt64(low, high)).ToArray();

    private static ulong[] Run(ulong[][] inputs, ulong[] bits, Func<PartyContext, AShare[], BShare?, ulong[]> body, RunOptions? options = null)
    {
        var opened = ThreePartyRunner.Run(context =>
        {
            var (shares, bitShare) = Share(context, inputs, bits);
            try
            {
                return body(context, shares, bitShare);
            }
            finally
            {
                Dispose(shares, bitShare);
            }
        }, options);
        Assert.Equal(opened[0], opened[1]);
        Assert.Equal(opened[0], opened[2]);
        return opened[0];
    }

    private static (AShare[] Shares, BShare Bits) Share(PartyContext context, ulong[][] inputs, ulong[] bits)
    {
        var shares = inputs.Select(v => Input.ShareA(context, 0, context.Id == 0 ? v : [], v.Length)).ToArray();
        var bitShare = Input.ShareB(context, 0, context.Id == 0 ? bits : [], bits.Length);
        return (shares, bitShare);
    }

    private static void Dispose(AShare[] shares, BShare bits)
    {
        foreach (var share in shares) share.Dispose();
        bits.Dispose();
    }
}
