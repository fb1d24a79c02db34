using Puma.Protocols.Core;
using Puma.Protocols.Runtime;

namespace Puma.Protocols.Tests;

/// <summary>Shares plaintext vectors, runs a protocol at three local parties, opens the result.</summary>
internal static class Harness
{
    /// <summary>P0 shares <paramref name="inputs"/>; <paramref name="body"/> maps the shares to one output share which is revealed.</summary>
    public static ulong[] Evaluate(ulong[][] inputs, Func<PartyContext, AShare[], AShare> body, RunOptions? options = null)
    {
        var opened = ThreePartyRunner.Run(context =>
        {
            var shares = inputs.Select(v => Input.ShareA(context, 0, context.Id == 0 ? v : [], v.Length)).ToArray();
            try
            {
                using var output = body(context, shares);
                return Reveal.RevealToAll(context, output);
            }
            finally
            {
                foreach (var share in shares) share.Dispose();
            }
        }, options);
        Assert.Equal(opened[0], opened[1]);
        Assert.Equal(opened[0], opened[2]);
        return opened[0];
    }

    /// <summary>Measured cost of <paramref name="body"/> summed over the three parties (bytes) and per party (rounds, all equal).</summary>
    public static ProtocolCost Measure(ulong[][] inputs, Action<PartyContext, AShare[]> body, RunOptions? options = null)
    {
        var costs = ThreePartyRunner.Run(context =>
        {
            var shares = inputs.Select(v => Input.ShareA(context, 0, context.Id == 0 ? v : [], v.Length)).ToArray();
            long bytes = context.Net.BytesSent, rounds = context.Net.Rounds;
            body(context, shares);
            foreach (var share in shares) share.Dispose();
            return (Rounds: context.Net.Rounds - rounds, Bytes: context.Net.BytesSent - bytes);
        }, options);
        Assert.All(costs, c => Assert.Equal(costs[0].Rounds, c.Rounds));
        return new ProtocolCost((int)costs[0].Rounds, costs.Sum(c => c.Bytes));
    }

    public static ulong[] RandomVector(Random random, int length)
    {
        var values = new ulong[length];
        random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }
}
