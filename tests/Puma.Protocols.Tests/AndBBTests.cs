using Puma.Protocols.Boolean;
using Puma.Protocols.Core;
using Puma.Protocols.Runtime;

namespace Puma.Protocols.Tests;

public class AndBBTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(1001)]
    public void AndXorNotMatchPlaintext(int length)
    {
        var random = new Random(length);
        var x = Harness.RandomVector(random, length);
        var y = Harness.RandomVector(random, length);
        if (length > 1) (x[0], y[0]) = (ulong.MaxValue, ulong.MaxValue);
        var opened = ThreePartyRunner.Run(context =>
        {
            using var sx = BooleanInput(context, x);
            using var sy = BooleanInput(context, y);
            using var and = AndBB.And(context, sx, sy);
            using var mixed = new BShare(length);
            LinearB.Xor(and, sx, mixed);
            LinearB.Not(context, mixed, mixed);
            LinearB.AndPublic(mixed, 0xF0F0F0F0F0F0F0F0UL, mixed);
            return (And: Reveal.RevealToAll(context, and), Mixed: Reveal.RevealToAll(context, mixed));
        });
        Assert.All(opened, o => Assert.Equal(x.Zip(y, (a, b) => a & b), o.And));
        Assert.All(opened, o => Assert.Equal(x.Zip(y, (a, b) => ~((a & b) ^ a) & 0xF0F0F0F0F0F0F0F0UL), o.Mixed));
    }

    [Fact]
    public void MeasuredCostEqualsDeclared()
    {
        var x = Harness.RandomVector(new Random(5), 300);
        var costs = ThreePartyRunner.Run(context =>
        {
            using var sx = BooleanInput(context, x);
            long bytes = context.Net.BytesSent, rounds = context.Net.Rounds;
            AndBB.And(context, sx, sx).Dispose();
            return (Rounds: context.Net.Rounds - rounds, Bytes: context.Net.BytesSent - bytes);
        });
        Assert.Equal(AndBB.Cost(x.Length), new ProtocolCost((int)costs[0].Rounds, costs.Sum(c => c.Bytes)));
    }

    private static BShare BooleanInput(PartyContext context, ulong[] values)
        => Input.ShareB(context, 0, context.Id == 0 ? values : [], values.Length);
}
