using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Functions;
using Puma.Protocols.Net;

namespace Puma.Models.Secure;

/// <summary>
/// Multi-head scaled dot-product attention of <c>rows</c> query rows over <c>positions</c> key
/// and value rows, all [·, heads·headSize] row-major with the heads side by side (as the stacked
/// projection produces them). The 1/√headSize scale is folded into the query weights when they
/// are shared, so scores need no extra product. The per-head score products run in the same two
/// rounds, all heads' scores go through one <see cref="SoftmaxA"/> call ([heads·rows, positions]),
/// and the per-head products with the values again share two rounds.
/// <para>
/// Causal: the query rows are the last <c>rows</c> of the <c>positions</c> (a whole window, or
/// one new token over a KV cache), and row t sees the first positions − rows + t + 1 keys; the
/// others are masked to an exact 0 (<see cref="SoftmaxA"/>'s masked variant). Without it every
/// row sees every key (BERT without padding).
/// </para>
/// Cost: 2 + softmax(heads·rows × positions) + 2 rounds.
/// </summary>
internal static class SecureAttention
{
    public static AShare Attend(PartyContext context, AShare queries, AShare keys, AShare values, int rows, int positions, int heads, int headSize, bool causal)
    {
        int width = heads * headSize, f = context.Config.FractionalBits;
        var headIndices = Enumerable.Range(0, heads).ToArray();
        using var temporaries = new ShareScope();
        var q = temporaries.Own(headIndices.Select(h => ShareRows.TakeColumns(queries, rows, width, h * headSize, headSize)));
        var k = temporaries.Own(headIndices.Select(h => ShareRows.TakeColumns(keys, positions, width, h * headSize, headSize)));
        var v = temporaries.Own(headIndices.Select(h => ShareRows.TakeColumns(values, positions, width, h * headSize, headSize)));
        var scores = temporaries.Own(headIndices.Select(_ => new AShare(rows * positions)));
        using (context.Scope("scores"))
        {
            context.Run(Steps.Together([.. headIndices.Select(h => MatMulTruncAA.Steps(
                context, q[h], k[h], new MatMulShape(rows, headSize, positions, TransposeY: true), f, scores[h]))]));
        }
        using var allScores = ShareRows.Stack(scores);
        using var probabilities = SoftmaxA.Softmax(context, allScores, heads * rows, positions, causal ? CausalLengths(heads, rows, positions) : null);
        var p = temporaries.Own(headIndices.Select(h => ShareSlices.Slice(probabilities, h * rows * positions, rows * positions)));
        var outputs = temporaries.Own(headIndices.Select(_ => new AShare(rows * headSize)));
        using (context.Scope("weighted_values"))
        {
            context.Run(Steps.Together([.. headIndices.Select(h => MatMulTruncAA.Steps(
                context, p[h], v[h], new MatMulShape(rows, positions, headSize), f, outputs[h]))]));
        }
        var merged = new AShare(rows * width);
        foreach (var h in headIndices) ShareRows.PutColumns(outputs[h], merged, width, h * headSize);
        return merged;
    }

    /// <summary>Keys each score row may see, head after head; null when no row is masked (a single newest row).</summary>
    private static int[]? CausalLengths(int heads, int rows, int positions)
    {
        if (rows == 1) return null;
        var earlier = positions - rows;
        return [.. Enumerable.Range(0, heads).SelectMany(_ => Enumerable.Range(0, rows).Select(t => earlier + t + 1))];
    }
}
