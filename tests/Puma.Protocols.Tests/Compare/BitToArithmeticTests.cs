using Puma.Protocols.Compare;
using Puma.Protocols.Core;
using Puma.Protocols.Runtime;

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
    /// messages, their difference, and the helper's mask — is uniform (chi-square on low bytes).
    /// Sending m_0, m_1 unmasked would fail the difference test: it would be ±1.
    /// </summary>
    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    public void MessagesEachPartyReceivesAreUniform(ulong bit)
    {
        const int length = 30_000;
        var recorder = new Recorder();
        ThreePartyRunner.Run(context =>
        {
            using var bits = Input.ShareB(context, 0, context.Id == 0 ? Enumerable.Repeat(bit, length).ToArray() : [], length);
            recorder.Recording[context.Id] = true;
            BitToArithmetic.Convert(context, bits).Dispose();
            return 0;
        }, new RunOptions { DecorateLink = link => new RecordingChannel(link, recorder) });

        int chunk = length / 3;
        for (int party = 0; party < 3; party++)
        {
            var messages = recorder.Received[party].ToArray();
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
        var counts = new long[256];
        long total = 0;
        foreach (ulong word in words)
        {
            counts[word & 0xFF]++;
            total++;
        }
        double expected = total / 256.0;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        // 255 degrees of freedom: mean 255, standard deviation 22.6; 400 is beyond 6 deviations.
        Assert.InRange(chiSquare, 0, 400);
    }

    private static void AssertConverts(ulong[] words)
    {
        var arithmetic = CompareHarness.EvaluateMixed(words, [], (c, b, _) => BitToArithmetic.Convert(c, b));
        Assert.Equal(words.Select(w => w & 1), arithmetic);
    }
}
