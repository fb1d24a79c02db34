using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Runtime;

namespace Puma.Protocols.Tests;

public class InputRevealTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 5)]
    [InlineData(1, 64)]
    [InlineData(2, 1001)]
    public void SharingThenRevealingToAllGivesTheOwnersValues(int owner, int length)
    {
        var values = Harness.RandomVector(new Random(length), length);
        var opened = ThreePartyRunner.Run(context =>
        {
            using var share = Input.ShareA(context, owner, context.Id == owner ? values : [], length);
            return Reveal.RevealToAll(context, share);
        });
        Assert.All(opened, o => Assert.Equal(values, o));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void RevealToPartyReachesOnlyThatParty(int receiver)
    {
        var values = Harness.RandomVector(new Random(receiver), 33);
        var opened = ThreePartyRunner.Run(context =>
        {
            using var share = Input.ShareA(context, 0, context.Id == 0 ? values : [], values.Length);
            return Reveal.RevealToParty(context, share, receiver);
        });
        for (int party = 0; party < 3; party++)
        {
            if (party == receiver) Assert.Equal(values, opened[party]);
            else Assert.Null(opened[party]);
        }
    }

    [Fact]
    public void OutsidePartySharesAndReceivesTheOutput()
    {
        var values = Harness.RandomVector(new Random(3), 257);
        var (parties, client) = ThreePartyRunner.Run(
            context =>
            {
                using var share = Input.ShareFromOutside(context, values.Length);
                LinearA.AddPublic(context, share, 5UL, share);
                Reveal.RevealToOutside(context, share);
                return context.Net.Rounds;
            },
            outside =>
            {
                outside.ShareInput(values);
                return outside.ReceiveOutput(values.Length);
            });
        Assert.Equal(values.Select(v => unchecked(v + 5)), client);
        Assert.All(parties, rounds => Assert.Equal(3, rounds)); // setup, input, reveal
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 100)]
    [InlineData(2, 7)]
    public void InputAndRevealCostsEqualDeclared(int owner, int length)
    {
        var values = Harness.RandomVector(new Random(owner), length);
        var costs = ThreePartyRunner.Run(context =>
        {
            long bytes = context.Net.BytesSent, rounds = context.Net.Rounds;
            using var share = Input.ShareA(context, owner, context.Id == owner ? values : [], length);
            var input = (Rounds: context.Net.Rounds - rounds, Bytes: context.Net.BytesSent - bytes);
            bytes = context.Net.BytesSent;
            rounds = context.Net.Rounds;
            Reveal.RevealToAll(context, share);
            var reveal = (Rounds: context.Net.Rounds - rounds, Bytes: context.Net.BytesSent - bytes);
            return (input, reveal);
        });
        Assert.Equal(Input.InputCost(owner, length), new ProtocolCost((int)costs[0].input.Rounds, costs.Sum(c => c.input.Bytes)));
        Assert.Equal(Reveal.RevealToAllCost(length), new ProtocolCost((int)costs[0].reveal.Rounds, costs.Sum(c => c.reveal.Bytes)));
    }

    [Fact]
    public void ComponentsHeldByTwoPartiesAgreeAndSumToTheValue()
    {
        var values = Harness.RandomVector(new Random(9), 50);
        var components = ThreePartyRunner.Run(context =>
        {
            using var share = Input.ShareA(context, 1, context.Id == 1 ? values : [], values.Length);
            return (Own: share.Own.ToArray(), Next: share.Next.ToArray());
        });
        for (int party = 0; party < 3; party++)
        {
            // Party i's Next is component i+1, which next(i) holds as its Own.
            Assert.Equal(components[party].Next, components[(party + 1) % 3].Own);
        }
        var sum = values.Select((_, i) => unchecked(components[0].Own[i] + components[1].Own[i] + components[2].Own[i]));
        Assert.Equal(values, sum);
    }
}
