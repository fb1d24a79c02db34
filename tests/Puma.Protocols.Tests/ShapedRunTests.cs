using Puma.Protocols.Arithmetic;
using Puma.Protocols.Runtime;
using Puma.Transport;

namespace Puma.Protocols.Tests;

public class ShapedRunTests
{
    private static readonly NetworkProfile Fast = new("fast", MegabitsPerSecond: 10_000, RoundTripMilliseconds: 0.2);

    [Theory]
    [InlineData(TransportKind.InProcess)]
    [InlineData(TransportKind.Tcp)]
    public void MeasuredCostEqualsDeclaredOnAnEmulatedNetwork(TransportKind transport)
    {
        var random = new Random(5);
        var x = Harness.RandomVector(random, 3000);
        var options = new RunOptions { Transport = transport, Network = Fast };

        Assert.Equal(MulTruncAA.Cost(3000), Harness.Measure([x, x], (c, s) => MulTruncAA.MulTrunc(c, s[0], s[1]).Dispose(), options));
    }

    [Fact]
    public void ResultsAreThoseOfAnUnshapedRun()
    {
        var random = new Random(6);
        var x = Enumerable.Range(0, 500).Select(_ => (ulong)random.NextInt64(-(1L << 30), 1L << 30)).ToArray();

        var shaped = Harness.Evaluate([x, x], (c, s) => MulAA.Mul(c, s[0], s[1]), new RunOptions { Network = Fast });

        Assert.Equal(x.Select(v => v * v), shaped);
    }

    [Fact]
    public void EveryRoundTakesAtLeastOneOneWayDelay()
    {
        var slow = new NetworkProfile("slow", MegabitsPerSecond: 1000, RoundTripMilliseconds: 20);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var rounds = ThreePartyRunner.Run(context =>
        {
            using var x = Core.Input.ShareA(context, 0, context.Id == 0 ? new ulong[10] : [], 10);
            for (int i = 0; i < 4; i++) MulAA.Mul(context, x, x).Dispose();
            return context.Net.Rounds;
        }, new RunOptions { Network = slow });

        // Seed setup, input and four products: each round waits for its messages' delay.
        Assert.Equal(6, rounds[0]);
        Assert.True(clock.Elapsed >= rounds[0] * slow.OneWayDelay, $"{rounds[0]} rounds took {clock.Elapsed.TotalMilliseconds:0.0} ms");
    }

    [Theory]
    [InlineData(TransportKind.InProcess)]
    [InlineData(TransportKind.Tcp)]
    public void APartyThatDiesFailsTheRunWithItsOwnErrorAndNobodyHangs(TransportKind transport)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ThreePartyRunner.Run(context =>
        {
            using var x = Core.Input.ShareA(context, 0, context.Id == 0 ? new ulong[10] : [], 10);
            if (context.Id == 1) throw new InvalidOperationException("party 1 crashed");
            using var y = MulAA.Mul(context, x, x);
            return 0;
        }, new RunOptions { Transport = transport, Network = NetworkProfile.Wan }));

        Assert.Equal("party 1 crashed", error.Message);
    }
}
