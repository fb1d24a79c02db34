using Puma.Protocols.Compare;
using Puma.Protocols.Core;
using Puma.Protocols.Runtime;
using Puma.Protocols.Tests.Security;

namespace Puma.Protocols.Tests.Compare;

public class BitToArithmeticByProductTests
{
    [Fact]
    public void EveryLengthUpToTenAndALargeVector()
    {
        var random = new Random(3);
        for (int length = 0; length <= 10; length++) AssertConverts(Harness.RandomVector(random, length));
        AssertConverts(Harness.RandomVector(random, 100_001));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(1000)]
    public void MeasuredCostEqualsDeclaredAndIsBelowTheOneRoundConversion(int length)
    {
        var bits = Harness.RandomVector(new Random(length), length);
        var cost = CompareHarness.Measure(bits, [], (c, b, _) => BitToArithmeticByProduct.Convert(c, b).Dispose());
        Assert.Equal(BitToArithmeticByProduct.Cost(length), cost);
        Assert.Equal(2, cost.Rounds);
        Assert.True(3 * cost.TotalBytesSent == 2 * BitToArithmetic.Cost(length).TotalBytesSent);
    }

    /// <summary>
    /// With the bit fixed, every word a party receives — the holder's arithmetic share of its
    /// XOR in round 1 and the reshared parts in round 2 — is uniform (<see cref="ViewChecks.Uniformity"/>: per bit and per byte).
    /// Sending t unmasked would fail: it would be the constant bit.
    /// </summary>
    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    public void MessagesEachPartyReceivesAreUniform(ulong bit)
    {
        const int length = 30_000;
        var recorder = new WireRecorder();
        ThreePartyRunner.Run(context =>
        {
            using var bits = Input.ShareB(context, 0, context.Id == 0 ? Enumerable.Repeat(bit, length).ToArray() : [], length);
            recorder.Start(context.Id);
            BitToArithmeticByProduct.Convert(context, bits).Dispose();
            return 0;
        }, new RunOptions { DecorateLink = link => new RecordingChannel(link, recorder) });

        for (int party = 0; party < 3; party++)
        {
            var messages = recorder.MessagesTo(party).ToArray();
            Assert.Equal(2, messages.Length);
            Assert.Equal(length / 3, messages.Min(m => m.Length));
            Assert.Equal(length, messages.Max(m => m.Length));
            foreach (var message in messages) BitToArithmeticTests.AssertUniform(message);
        }
    }

    private static void AssertConverts(ulong[] words)
    {
        var arithmetic = CompareHarness.EvaluateMixed(words, [], (c, b, _) => BitToArithmeticByProduct.Convert(c, b));
        Assert.Equal(words.Select(w => w & 1), arithmetic);
    }
}
