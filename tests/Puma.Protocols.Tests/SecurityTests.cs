using System.Collections.Concurrent;
using Puma.Protocols.Arithmetic;
using Puma.Protocols.Compare;
using Puma.Protocols.Core;
using Puma.Protocols.Functions;
using Puma.Protocols.Runtime;

namespace Puma.Protocols.Tests;

/// <summary>
/// What a party receives must look uniformly random whatever the secrets are: the protocols run
/// on all-zero inputs (the most structured secret there is) and every byte position of every
/// received word must pass a chi-square test for uniformity.
/// </summary>
public class SecurityTests
{
    private const int Length = 30_720; // 240 rows of 128 for max

    public static TheoryData<string> Protocols => ["input", "mul", "matmul", "trunc", "mul_trunc", "matmul_trunc", "mul_add_trunc", "row_scale_trunc", "reveal", "msb", "equals_zero", "select", "max", "max_of_pairs"];

    [Theory]
    [MemberData(nameof(Protocols))]
    public void EveryPartyReceivesOnlyUniformlyMaskedWords(string protocol)
    {
        var received = new ConcurrentDictionary<int, ConcurrentQueue<byte[]>>();
        var zeros = new ulong[Length];
        ThreePartyRunner.Run(context =>
        {
            using var x = Input.ShareA(context, 0, context.Id == 0 ? zeros : [], Length);
            using var rowScales = Input.ShareA(context, 0, context.Id == 0 ? new ulong[Length / 128] : [], Length / 128);
            // Only the protocol under test is recorded: drop what setup and input delivered so far.
            if (protocol != "input") Clear(received, context.Id);
            using var result = protocol switch
            {
                "input" or "reveal" => null,
                "mul" => MulAA.Mul(context, x, x),
                "matmul" => MatMulAA.MatMul(context, x, x, new MatMulShape(160, 192, 160)),
                "trunc" => TruncA.Trunc(context, x, 18),
                "mul_trunc" => MulTruncAA.MulTrunc(context, x, x),
                "matmul_trunc" => MatMulTruncAA.MatMulTrunc(context, x, x, new MatMulShape(160, 192, 160)),
                "mul_add_trunc" => MulAddTrunc(context, x),
                "row_scale_trunc" => RowScaleTruncAA.RowScaleTrunc(context, x, rowScales, 128),
                "msb" => Discard(MsbA.Msb(context, x)),
                "equals_zero" => Discard(EqualsZeroA.EqualsZero(context, x)),
                "select" => SelectOnZeroBits(context, x),
                "max" => MaxA.Max(context, x, Length / 128, 128),
                "max_of_pairs" => MaxA.Max(context, x, Length / 128, 128, MaxPlan.BinaryTree(128)),
                _ => throw new ArgumentException(protocol),
            };
            if (protocol == "reveal") Reveal.RevealToAll(context, x);
            return 0;
        }, new RunOptions { DecorateLink = link => new RecordingChannel(link, received) });

        // The input's owner (P0) receives nothing when it shares; everyone receives in the others.
        for (int party = protocol == "input" ? 1 : 0; party < 3; party++)
        {
            var bytes = received[party].Where(m => m.Length > 64).SelectMany(m => m).ToArray();
            Assert.True(bytes.Length >= Length * 8 / 3, $"party {party} received only {bytes.Length} bytes");
            AssertUniformPerBytePosition(bytes, $"{protocol}, party {party}");
        }
    }

    [Fact]
    public void SharesOfTheSameValueDifferBetweenRuns()
    {
        var values = new ulong[64];
        ulong[] Share() => ThreePartyRunner.Run(context =>
        {
            using var x = Input.ShareA(context, 0, context.Id == 0 ? values : [], values.Length);
            return x.Own.ToArray();
        })[1];
        Assert.NotEqual(Share(), Share());
    }

    /// <summary>A fused product with every optional part: x·(3x) + 5·x·x + 7x + 1, truncated by 18.</summary>
    private static AShare MulAddTrunc(PartyContext context, AShare x)
    {
        var z = new AShare(x.Length);
        context.Run(MulAddTruncAA.Steps(context, x, [new LinearTerm(x, 3)], [new LinearTerm(x, 7)], 1, 18, z, (x, x, 5)));
        return z;
    }

    private static AShare? Discard(BShare bits)
    {
        bits.Dispose();
        return null;
    }

    /// <summary>Selects with bits that are all zero: shares them without recording, then records the select.</summary>
    private static AShare SelectOnZeroBits(PartyContext context, AShare x)
    {
        using var bits = Input.ShareB(context, 0, context.Id == 0 ? new ulong[x.Length] : [], x.Length);
        return SelectBA.Select(context, bits, x);
    }

    private static void Clear(ConcurrentDictionary<int, ConcurrentQueue<byte[]>> received, int party)
    {
        if (received.TryGetValue(party, out var queue)) queue.Clear();
    }

    /// <summary>Chi-square over 256 bins per byte position; 255 degrees of freedom, threshold at p ≈ 1e-9.</summary>
    internal static void AssertUniformPerBytePosition(byte[] bytes, string what)
    {
        const double threshold = 420;
        for (int position = 0; position < 8; position++)
        {
            var counts = new long[256];
            long total = 0;
            for (int i = position; i < bytes.Length; i += 8)
            {
                counts[bytes[i]]++;
                total++;
            }
            double expected = total / 256.0;
            double chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
            Assert.True(chi2 < threshold, $"{what}: byte position {position} is not uniform (chi-square {chi2:F0} over {total} samples)");
        }
    }
}
