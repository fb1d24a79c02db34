using Puma.Models.Reference;
using Puma.Models.Secure;
using Puma.Protocols.Core;
using Puma.Protocols.Functions.Reference;
using Puma.Protocols.Runtime;
using Puma.Simd;
using Xunit.Abstractions;

namespace Puma.Models.Tests.Secure;

/// <summary>
/// Grouped-query attention with the rotary step over a KV cache, several new rows at a time (the
/// LLaMA forward feeds one), against a plaintext double-precision computation.
/// </summary>
public class SecureAttentionTests(ITestOutputHelper output)
{
    private static readonly AttentionHeads Heads = new(Heads: 4, KvHeads: 2, HeadSize: 4);
    private static readonly RotaryEmbedding Rope = new(10000, LlamaRopeLayout.RotateHalf);

    /// <summary>Rows appended per call: 2 tokens, then 3 more (causal buckets over the cached ones).</summary>
    private static readonly int[] Appends = [2, 3];

    /// <summary>
    /// Inputs in [−1, 1): the rotation's, scores' and products' truncations (1 ulp each) and the
    /// softmax's error per probability, times values below 1 over at most 5 keys. Measured 5.5e-5;
    /// a query head paired with the wrong key/value head is off by about 0.1.
    /// </summary>
    private const double Tolerance = 5e-4;

    [Fact]
    public void GroupedQueryAttentionWithRotationMatchesThePlaintext()
    {
        var positions = Appends.Sum();
        var random = new Random(5);
        var qkv = Enumerable.Range(0, positions * Heads.ProjectionWidth).Select(_ => random.NextDouble() * 2 - 1).ToArray();

        var secure = Secure(qkv, positions);

        var expected = Plaintext(qkv, positions);
        var worst = expected.Select((value, i) => Math.Abs(value - secure[i])).Max();
        output.WriteLine($"max abs error {worst:G3}");
        Assert.InRange(worst, 0, Tolerance);
    }

    private static double[] Secure(double[] qkv, int positions)
    {
        var opened = ThreePartyRunner.Run(context =>
        {
            int f = context.Config.FractionalBits, width = Heads.ProjectionWidth;
            using var cache = new SecureKvCache(1, positions, Heads.KvWidth);
            var outputs = new List<double>();
            var position = 0;
            foreach (var rows in Appends)
            {
                var values = context.Id == 0 ? qkv.AsSpan(position * width, rows * width).ToArray().Select(v => FixedPoint.Encode(v, f)).ToArray() : [];
                using var shared = Input.ShareA(context, 0, values, rows * width);
                using var attended = SecureAttention.AttendCached(context, shared, rows, cache, 0, position, Heads, Rope);
                outputs.AddRange(Reveal.RevealToAll(context, attended).Select(v => FixedPoint.Decode(v, f)));
                position += rows;
            }
            return outputs.ToArray();
        });
        return opened[0];
    }

    /// <summary>Each query head h against key/value head h / (heads / kvHeads), rotated, causal, with no scale (the weights carry it).</summary>
    private static double[] Plaintext(double[] qkv, int positions)
    {
        int width = Heads.ProjectionWidth, headSize = Heads.HeadSize, group = Heads.QueriesPerKvHead;
        var rows = Enumerable.Range(0, positions).Select(t =>
        {
            var queryKey = qkv.AsSpan(t * width, Heads.QueryWidth + Heads.KvWidth).ToArray();
            LlamaMath.Rope(queryKey, headSize, t, Rope.Theta, Rope.Layout);
            return queryKey;
        }).ToArray();
        var result = new double[positions * Heads.QueryWidth];
        for (var t = 0; t < positions; t++)
        {
            for (var h = 0; h < Heads.Heads; h++)
            {
                int kv = h / group, keyStart = Heads.QueryWidth + kv * headSize, valueStart = Heads.QueryWidth + Heads.KvWidth + kv * headSize;
                var scores = Enumerable.Range(0, t + 1).Select(s => Dot(rows[t].AsSpan(h * headSize, headSize), rows[s].AsSpan(keyStart, headSize))).ToArray();
                PlaintextReference.Softmax(scores);
                for (var s = 0; s <= t; s++)
                    for (var i = 0; i < headSize; i++) result[t * Heads.QueryWidth + h * headSize + i] += scores[s] * qkv[s * width + valueStart + i];
            }
        }
        return result;
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }
}
