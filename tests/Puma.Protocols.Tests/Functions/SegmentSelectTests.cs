using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Functions;

namespace Puma.Protocols.Tests.Functions;

public class SegmentSelectTests
{
    /// <summary>Which segments are null (an exact 0), one letter per segment: k = 1..3 thresholds.</summary>
    private static readonly string[] NullPatterns = ["-p", "pp", "p-", "-pp", "ppp", "p-p", "-ppp", "pp-p", "--pp"];

    /// <summary>Empty, one element, one block ± 1 (a partial last block and a short one) and several blocks.</summary>
    private static readonly int[] Lengths = [0, 1, Block.Length - 1, Block.Length + 1, 3000];

    public static TheoryData<string, int> Cases()
    {
        var cases = new TheoryData<string, int>();
        foreach (var pattern in NullPatterns)
        {
            foreach (var length in Lengths) cases.Add(pattern, length);
        }
        return cases;
    }

    /// <summary>
    /// y = p_0 + Σ_j b_j·(p_{j+1} − p_j) exactly, against the plaintext. The select is bilinear in
    /// b and the segments, so random ring values (not only 0/1 indicators) check every cross term.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void EqualsThePlaintextSumOfJumps(string nulls, int length)
    {
        int k = nulls.Length - 1;
        var random = new Random(nulls.GetHashCode(StringComparison.Ordinal) ^ length);
        var indicators = Harness.RandomVector(random, k * length);
        var segments = nulls.Select(c => c == '-' ? null : Harness.RandomVector(random, length)).ToArray();

        var y = Harness.Evaluate([indicators, .. segments.OfType<ulong[]>()], (c, s) => Select(c, s, segments));

        Assert.Equal(Reference(indicators, segments, length), y);
    }

    [Fact]
    public void MeasuredCostIsOneProductWhateverTheThresholds()
    {
        const int Length = 100;
        var random = new Random(3);
        ulong[]?[] segments = [null, .. Enumerable.Range(0, 3).Select(_ => Harness.RandomVector(random, Length))];
        var cost = Harness.Measure([Harness.RandomVector(random, 3 * Length), .. segments.OfType<ulong[]>()],
            (c, s) => Select(c, s, segments).Dispose());
        Assert.Equal(MulAA.Cost(Length), cost);
        Assert.Equal(SegmentSelect.Cost(Length), cost);
    }

    /// <summary>Runs the select on the shared indicators (s[0]) and non-null segments (s[1..]), nulls where the plaintext has none.</summary>
    private static AShare Select(PartyContext context, AShare[] shares, ulong[]?[] plaintextSegments)
    {
        int next = 1;
        var segments = plaintextSegments.Select(p => p is null ? null : shares[next++]).ToArray();
        var y = AShare.Uninitialized(segments.OfType<AShare>().First().Length);
        context.Run(SegmentSelect.Steps(context, shares[0], segments, y));
        return y;
    }

    private static ulong[] Reference(ulong[] indicators, ulong[]?[] segments, int length)
    {
        var y = new ulong[length];
        for (int i = 0; i < length; i++)
        {
            ulong Value(int s) => segments[s]?[i] ?? 0;
            ulong sum = Value(0);
            for (int j = 0; j + 1 < segments.Length; j++) sum += indicators[j * length + i] * (Value(j + 1) - Value(j));
            y[i] = sum;
        }
        return y;
    }
}
