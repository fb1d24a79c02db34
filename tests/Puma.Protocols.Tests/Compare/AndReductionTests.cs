using Puma.Protocols.Compare;
using Puma.Protocols.Core;

namespace Puma.Protocols.Tests.Compare;

/// <summary>The AND-reduction on bit planes against a plaintext AND per member, with its declared cost.</summary>
public class AndReductionTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 64)]
    [InlineData(3, 65)]
    [InlineData(4, 130)]
    [InlineData(5, 1)]
    [InlineData(7, 200)]
    [InlineData(8, 127)]
    [InlineData(11, 300)]
    public void PlaneZeroIsEachMembersAnd(int planeCount, int members)
    {
        var random = new Random(planeCount * 1000 + members);
        int words = BitPacking.PackedLength(members, 1);
        // Mostly ones, so that the AND of many planes is not almost always 0.
        var planes = Enumerable.Range(0, planeCount * words).Select(_ => (ulong)random.NextInt64() | (ulong)random.NextInt64() | (ulong)random.NextInt64()).ToArray();
        var opened = CompareHarness.EvaluateBits([], (c, _) =>
        {
            var shared = Input.ShareB(c, 0, c.Id == 0 ? planes : [], planes.Length);
            c.Run(AndReduction.Steps(c, shared, planeCount, words));
            return shared;
        });
        for (int m = 0; m < members; m++)
        {
            ulong expected = 1;
            for (int p = 0; p < planeCount; p++) expected &= planes[p * words + (m >> 6)] >> (m & 63);
            Assert.Equal(expected & 1, (opened[m >> 6] >> (m & 63)) & 1);
        }
    }

    [Theory]
    [InlineData(1, 100)]
    [InlineData(7, 1000)]
    [InlineData(10, 129)]
    public void MeasuredCostEqualsDeclared(int planeCount, int members)
    {
        int words = BitPacking.PackedLength(members, 1);
        var planes = Harness.RandomVector(new Random(members), planeCount * words);
        var cost = CompareHarness.Measure(planes, [], (c, b, _) => c.Run(AndReduction.Steps(c, b, planeCount, words)));
        Assert.Equal(AndReduction.Cost(planeCount, words), cost);
        Assert.Equal(AndReduction.Rounds(planeCount), cost.Rounds);
    }
}
