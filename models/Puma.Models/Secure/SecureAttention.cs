using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Functions;
using Puma.Protocols.Net;

namespace Puma.Models.Secure;

/// <summary>
/// Scaled dot-product attention of <c>rows</c> query rows [rows, heads·headSize] over
/// <c>positions</c> key and value rows [positions, kvHeads·headSize], row-major with the heads
/// side by side (as the stacked projection produces them). The 1/√headSize scale is folded into
/// the query weights when they are shared, so scores need no extra product. The query heads that
/// share a key/value head (<see cref="AttentionHeads"/>: one each for multi-head attention, a group
/// for grouped-query attention) are stacked into one matrix, so each key/value head costs one
/// score product and one product with the values. All score products run in the same two rounds,
/// all heads' scores go through one softmax ([heads·rows, keys] per bucket, the buckets' softmaxes
/// in the same rounds too), and the products with the values again share two rounds.
/// <para>
/// Causal: the query rows are the last <c>rows</c> of the <c>positions</c> (a whole window, or
/// one new token over a KV cache), and row t sees the first positions − rows + t + 1 keys. Rows
/// are grouped into <see cref="AttentionBucket"/>s that are scored against their key prefix only,
/// and the keys a row may not see inside its bucket are masked to an exact 0
/// (<see cref="SoftmaxA"/>'s masked variant). Without it every row sees every key (BERT without
/// padding).
/// </para>
/// Cost: 2 + softmax(heads·rows × keys) + 2 rounds (plus one truncation for the rotary step).
/// </summary>
internal static class SecureAttention
{
    /// <summary>
    /// Self-attention of a stacked projection <paramref name="qkv"/> [tokens, queries | keys |
    /// values] in which every token sees every token; only the first <paramref name="queryRows"/>
    /// tokens ask (a classifier reading the first token needs no other row).
    /// </summary>
    public static AShare SelfAttend(PartyContext context, AShare qkv, int tokens, int queryRows, AttentionHeads heads)
    {
        int width = heads.ProjectionWidth;
        using var queries = ShareRows.TakeColumns(qkv, queryRows, width, 0, heads.QueryWidth);
        using var keys = ShareRows.TakeColumns(qkv, tokens, width, heads.QueryWidth, heads.KvWidth);
        using var values = ShareRows.TakeColumns(qkv, tokens, width, heads.QueryWidth + heads.KvWidth, heads.KvWidth);
        return Attend(context, queries, keys, values, queryRows, tokens, heads, causal: false);
    }

    /// <summary>
    /// Causal attention of <paramref name="rows"/> new tokens at positions
    /// [<paramref name="position"/>, position + rows) given as a stacked projection
    /// <paramref name="qkv"/> [rows, queries | keys | values]: with <paramref name="rotary"/>, the
    /// queries and keys are rotated to their positions first (one truncation for both); the keys
    /// and values go into <paramref name="cache"/>, and the queries attend to every cached position
    /// up to their own.
    /// </summary>
    public static AShare AttendCached(PartyContext context, AShare qkv, int rows, SecureKvCache cache, int layer, int position, AttentionHeads heads, RotaryEmbedding? rotary)
    {
        int width = heads.ProjectionWidth, queryKeyWidth = heads.QueryWidth + heads.KvWidth, positions = position + rows;
        using var queryKey = Rotated(context, qkv, rows, position, heads, rotary);
        using var queries = ShareRows.TakeColumns(queryKey, rows, queryKeyWidth, 0, heads.QueryWidth);
        using (var newKeys = ShareRows.TakeColumns(queryKey, rows, queryKeyWidth, heads.QueryWidth, heads.KvWidth))
        using (var newValues = ShareRows.TakeColumns(qkv, rows, width, queryKeyWidth, heads.KvWidth))
        {
            cache.Append(layer, position, newKeys, newValues);
        }
        using var keys = cache.Keys(layer, positions);
        using var values = cache.Values(layer, positions);
        return Attend(context, queries, keys, values, rows, positions, heads, causal: true);
    }

    /// <summary>Queries [rows, queryWidth] over keys and values [positions, kvWidth]; returns [rows, queryWidth].</summary>
    private static AShare Attend(PartyContext context, AShare queries, AShare keys, AShare values, int rows, int positions, AttentionHeads heads, bool causal)
    {
        int headSize = heads.HeadSize, group = heads.QueriesPerKvHead, f = context.Config.FractionalBits;
        var buckets = AttentionBucket.For(rows, positions, causal);
        var kvHeads = Enumerable.Range(0, heads.KvHeads).ToArray();
        var parts = buckets.SelectMany(bucket => kvHeads.Select(kv => (Bucket: bucket, Kv: kv))).ToArray();
        using var temporaries = new ShareScope();
        var q = temporaries.Own(Enumerable.Range(0, heads.Heads).Select(h => ShareRows.TakeColumns(queries, rows, heads.QueryWidth, h * headSize, headSize)));
        var k = temporaries.Own(kvHeads.Select(kv => ShareRows.TakeColumns(keys, positions, heads.KvWidth, kv * headSize, headSize)));
        var v = temporaries.Own(kvHeads.Select(kv => ShareRows.TakeColumns(values, positions, heads.KvWidth, kv * headSize, headSize)));
        // One query operand per part: the bucket's rows of each query head of the group, stacked [group·bucketRows, headSize].
        var partQueries = temporaries.Own(parts.Select(p => ShareRows.Stack(temporaries.Own(Enumerable.Range(p.Kv * group, group).Select(
            h => ShareSlices.Slice(q[h], p.Bucket.FirstRow * headSize, p.Bucket.Rows * headSize))))));
        var partKeys = temporaries.Own(parts.Select(p => ShareSlices.Slice(k[p.Kv], 0, p.Bucket.Keys * headSize)));
        var partValues = temporaries.Own(parts.Select(p => ShareSlices.Slice(v[p.Kv], 0, p.Bucket.Keys * headSize)));
        var scores = temporaries.Own(parts.Select(p => new AShare(group * p.Bucket.Rows * p.Bucket.Keys)));
        using (context.Scope("scores"))
        {
            context.Run(Steps.Together([.. parts.Select((p, i) => MatMulTruncAA.Steps(
                context, partQueries[i], partKeys[i], new MatMulShape(group * p.Bucket.Rows, headSize, p.Bucket.Keys, TransposeY: true), f, scores[i]))]));
        }

        // One softmax input per bucket: its heads' score blocks stacked in head order, [heads·bucketRows, keys].
        var bucketScores = temporaries.Own(buckets.Select((_, b) => ShareRows.Stack(scores[(b * heads.KvHeads)..((b + 1) * heads.KvHeads)])));
        var bucketProbabilities = temporaries.Own(bucketScores.Select(s => new AShare(s.Length)));
        using (context.Scope("softmax"))
        {
            context.Run(Steps.Together([.. buckets.Select((bucket, b) => SoftmaxA.Steps(
                context, bucketScores[b], heads.Heads * bucket.Rows, bucket.Keys, Repeat(bucket.VisibleKeys(rows, positions, causal), heads.Heads), bucketProbabilities[b]))]));
        }
        var probabilities = temporaries.Own(parts.Select((p, i) =>
            ShareSlices.Slice(bucketProbabilities[i / heads.KvHeads], p.Kv * group * p.Bucket.Rows * p.Bucket.Keys, group * p.Bucket.Rows * p.Bucket.Keys)));
        var outputs = temporaries.Own(parts.Select(p => new AShare(group * p.Bucket.Rows * headSize)));
        using (context.Scope("weighted_values"))
        {
            context.Run(Steps.Together([.. parts.Select((p, i) => MatMulTruncAA.Steps(
                context, probabilities[i], partValues[i], new MatMulShape(group * p.Bucket.Rows, p.Bucket.Keys, headSize), f, outputs[i]))]));
        }
        var merged = new AShare(rows * heads.QueryWidth);
        for (var i = 0; i < parts.Length; i++)
        {
            var (bucket, kv) = parts[i];
            for (var g = 0; g < group; g++)
            {
                using var head = ShareSlices.Slice(outputs[i], g * bucket.Rows * headSize, bucket.Rows * headSize);
                ShareRows.PutColumns(head, merged, heads.QueryWidth, (kv * group + g) * headSize, headSize, bucket.FirstRow);
            }
        }
        return merged;
    }

    /// <summary>The queries and keys of <paramref name="qkv"/> [rows, queryWidth + kvWidth], rotated to their positions when <paramref name="rotary"/> is given.</summary>
    private static AShare Rotated(PartyContext context, AShare qkv, int rows, int position, AttentionHeads heads, RotaryEmbedding? rotary)
    {
        int queryKeyWidth = heads.QueryWidth + heads.KvWidth;
        var queryKey = ShareRows.TakeColumns(qkv, rows, heads.ProjectionWidth, 0, queryKeyWidth);
        if (rotary is not { } rope) return queryKey;
        using var _ = context.Scope("rope");
        using (queryKey)
        {
            var rotated = new AShare(queryKey.Length);
            try
            {
                context.Run(new RotaryTables(rope, heads.HeadSize, position, rows, queryKeyWidth, context.Config.FractionalBits).Steps(context, queryKey, rotated));
                return rotated;
            }
            catch
            {
                rotated.Dispose();
                throw;
            }
        }
    }

    private static int[]? Repeat(int[]? perRow, int heads) => perRow is null ? null : [.. Enumerable.Repeat(perRow, heads).SelectMany(lengths => lengths)];
}
