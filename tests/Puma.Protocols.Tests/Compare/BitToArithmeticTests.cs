using Puma.Protocols.Compare;
using Puma.Protocols.Core;
using Puma.Protocols.Runtime;
using Puma.Protocols.Tests.Security;

namespace Puma.Protocols.Tests.Compare;

public class BitToArithmeticTests
{
    [Fact]
    public void EveryLengthUpToTenAndALargeVector()
    {
        var random = new Random(2);
        for (int length = 0; length <= 10; length++) AssertConverts(Harness.RandomVector(random, length));
        AssertConverts(Harness.RandomVector(random, 100_000));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(1000)]
    public void MeasuredCostEqualsDeclared(int length)
    {
        var bits = Harness.RandomVector(new Random(length), length);
        Assert.Equal(BitToArithmetic.Cost(length), CompareHarness.Measure(bits, [], (c, b, _) => BitToArithmetic.Convert(c, b).Dispose()));
    }

    /// <summary>
    /// With the bit fixed, everything a party receives during the conversion — both masked OT
    /// messages, their difference, and the helper's mask — is uniform (<see cref="ViewChecks.Uniformity"/>: per bit and per byte).
    /// Sending m_0, m_1 unmasked would fail the difference test: it would be ±1.
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
            BitToArithmetic.Convert(context, bits).Dispose();
            return 0;
        }, new RunOptions { DecorateLink = link => new RecordingChannel(link, recorder) });

        int chunk = length / 3;
        for (int party = 0; party < 3; party++)
        {
            var messages = recorder.MessagesTo(party).ToArray();
            var pairs = messages.Where(m => m.Length == 2 * chunk).ToArray();
            var masks = messages.Where(m => m.Length == chunk).ToArray();
            Assert.Equal(2, pairs.Length);
            Assert.Equal(2, masks.Length);
            AssertUniform(pairs.SelectMany(m => m.Where((_, i) => i % 2 == 0)));
            AssertUniform(pairs.SelectMany(m => m.Where((_, i) => i % 2 == 1)));
            AssertUniform(pairs.SelectMany(m => Enumerable.Range(0, chunk).Select(e => m[2 * e] - m[2 * e + 1])));
            AssertUniform(masks.SelectMany(m => m));
        }
    }

    internal static void AssertUniform(IEnumerable<ulong> words)
    {
        ulong[] all = [.. words];
        Assert.Null(ViewChecks.Uniformity(all));
    }

    private static void AssertConverts(ulong[] words)
    {
        var arithmetic = CompareHarness.EvaluateMixed(words, [], (c, b, _) => BitToArithmetic.Convert(c, b));
        Assert.Equal(words.Select(w => w & 1), arithmetic);
    }
}
