using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Functions;
using Puma.Protocols.Net;

namespace Puma.Models.Secure;

/// <summary>
/// Multi-head scaled dot-product attention of <c>rows</c> query rows over <c>positions</c> key
/// and value rows, all [·, heads·headSize] row-major with the heads side by side (as the stacked
/// projection produces them). The 1/√headSize scale is folded into the query weights when they
/// are shared, so scores need no extra product. All score products run in the same two rounds,
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
/// Cost: 2 + softmax(heads·rows × keys) + 2 rounds.
/// </summary>
internal static class SecureAttention
{
    public static AShare Attend(PartyContext context, AShare queries, AShare keys, AShare values, int rows, int positions, int heads, int headSize, bool causal)
    {
        int width = heads * headSize, f = context.Config.FractionalBits;
        var buckets = AttentionBucket.For(rows, positions, causal);
        var headIndices = Enumerable.Range(0, heads).ToArray();
        var parts = buckets.SelectMany(bucket => headIndices.Select(head => (Bucket: bucket, Head: head))).ToArray();
        using var temporaries = new ShareScope();
        var q = temporaries.Own(headIndices.Select(h => ShareRows.TakeColumns(queries, rows, width, h * headSize, headSize)));
        var k = temporaries.Own(headIndices.Select(h => ShareRows.TakeColumns(keys, positions, width, h * headSize, headSize)));
        var v = temporaries.Own(headIndices.Select(h => ShareRows.TakeColumns(values, positions, width, h * headSize, headSize)));
        var partQueries = temporaries.Own(parts.Select(p => ShareSlices.Slice(q[p.Head], p.Bucket.FirstRow * headSize, p.Bucket.Rows * headSize)));
        var partKeys = temporaries.Own(parts.Select(p => ShareSlices.Slice(k[p.Head], 0, p.Bucket.Keys * headSize)));
        var partValues = temporaries.Own(parts.Select(p => ShareSlices.Slice(v[p.Head], 0, p.Bucket.Keys * headSize)));
        var scores = temporaries.Own(parts.Select(p => new AShare(p.Bucket.Rows * p.Bucket.Keys)));
        using (context.Scope("scores"))
        {
            context.Run(Steps.Together([.. parts.Select((p, i) => MatMulTruncAA.Steps(
                context, partQueries[i], partKeys[i], new MatMulShape(p.Bucket.Rows, headSize, p.Bucket.Keys, TransposeY: true), f, scores[i]))]));
        }

        // One softmax input per bucket: its heads' score blocks stacked, [heads·bucketRows, keys].
        var bucketScores = temporaries.Own(buckets.Select((_, b) => ShareRows.Stack(scores[(b * heads)..((b + 1) * heads)])));
        var bucketProbabilities = temporaries.Own(bucketScores.Select(s => new AShare(s.Length)));
        using (context.Scope("softmax"))
        {
            context.Run(Steps.Together([.. buckets.Select((bucket, b) => SoftmaxA.Steps(
                context, bucketScores[b], heads * bucket.Rows, bucket.Keys, Repeat(bucket.VisibleKeys(rows, positions, causal), heads), bucketProbabilities[b]))]));
        }
        var probabilities = temporaries.Own(parts.Select((p, i) =>
            ShareSlices.Slice(bucketProbabilities[i / heads], p.Head * p.Bucket.Rows * p.Bucket.Keys, p.Bucket.Rows * p.Bucket.Keys)));
        var outputs = temporaries.Own(parts.Select(p => new AShare(p.Bucket.Rows * headSize)));
        using (context.Scope("weighted_values"))
        {
            context.Run(Steps.Together([.. parts.Select((p, i) => MatMulTruncAA.Steps(
                context, probabilities[i], partValues[i], new MatMulShape(p.Bucket.Rows, p.Bucket.Keys, headSize), f, outputs[i]))]));
        }
        var merged = new AShare(rows * width);
        for (var i = 0; i < parts.Length; i++) ShareRows.PutColumns(outputs[i], merged, width, parts[i].Head * headSize, headSize, parts[i].Bucket.FirstRow);
        return merged;
    }

    private static int[]? Repeat(int[]? perRow, int heads) => perRow is null ? null : [.. Enumerable.Repeat(perRow, heads).SelectMany(lengths => lengths)];
}
