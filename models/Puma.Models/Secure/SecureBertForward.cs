using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Functions;

namespace Puma.Models.Secure;

/// <summary>
/// One party's side of the secure BertForSequenceClassification forward, as
/// <see cref="Reference.BertReference.Classify"/> computes it in plaintext: embeddings (one
/// product of rows that are one-hot in the word and in the token type with the stacked
/// embeddings, plus positions) and their LayerNorm; post-LayerNorm encoder layers with
/// bidirectional attention over the whole (unpadded) text; the pooler, dense + tanh on the first
/// token (<see cref="TanhA"/>, within 0.0099 of tanh); and the classifier, whose product goes to
/// the client untruncated (<see cref="ClientProduct"/>). GeLU is <see cref="GeluA"/>, within
/// 2.8e-3 of BERT's exact (erf) GeLU. Weights are held a group at a time (the embeddings, each
/// layer, the head), the next group's stored bytes prefetched meanwhile.
/// </summary>
internal sealed class SecureBertForward(PartyContext context, SecureBertWeights weights)
{
    /// <summary>
    /// Classifies the text whose rows [tokens, vocab + type vocab] are <paramref name="oneHots"/>
    /// (a 1 at the token id and a 1 at vocab + its type id); the client receives the label logits.
    /// </summary>
    public void Classify(AShare oneHots, int tokens)
    {
        var config = weights.Config;
        int hidden = config.Hidden, vocab = config.VocabSize + config.TypeVocabSize;
        if (oneHots.Length != tokens * vocab) throw new ArgumentException($"{tokens} one-hot rows have {tokens * vocab} elements, not {oneHots.Length}.", nameof(oneHots));
        if (tokens > config.MaxPositions) throw new ArgumentException($"{tokens} tokens do not fit BERT's {config.MaxPositions} positions.", nameof(tokens));
        var x = Embed(oneHots, tokens);
        try
        {
            for (var l = 0; l < weights.Layers.Count; l++)
            {
                AShare next;
                using (weights.Layers[l].Weights.OpenPrefetching(After(l)))
                    next = EncoderLayer(weights.Layers[l], x, tokens, outputRows: l + 1 == weights.Layers.Count ? 1 : tokens);
                x.Dispose();
                x = next;
            }
            using var _ = context.Scope("classifier");
            using var held = weights.Head.Open();
            using var first = ShareSlices.Slice(x, 0, hidden);
            using var dense = weights.Pooler.Apply(context, first, 1);
            using var pooled = TanhA.Tanh(context, dense);
            ClientProduct.Send(context, pooled, weights.ClassifierWeight.Share, new MatMulShape(1, hidden, config.Labels.Count), weights.ClassifierBias.Share);
        }
        finally
        {
            x.Dispose();
        }
    }

    private AShare Embed(AShare oneHots, int tokens)
    {
        var config = weights.Config;
        using var held = weights.Embedding.OpenPrefetching(After(-1));
        using var sum = EmbeddingA.Embed(context, oneHots, weights.WordAndTypeEmbedding.Share, tokens, config.VocabSize + config.TypeVocabSize, config.Hidden);
        ShareRows.AddRows(sum, weights.PositionEmbedding.Share, 0, config.Hidden);
        using var _ = context.Scope("embedding_norm");
        return weights.EmbeddingNorm.Apply(context, sum);
    }

    /// <summary>The group read after layer <paramref name="layer"/> (−1: the embedding).</summary>
    private WeightGroup After(int layer) => layer + 1 < weights.Layers.Count ? weights.Layers[layer + 1].Weights : weights.Head;

    /// <summary>
    /// h = LN(x + attention(x)); returns LN(h + W_out·gelu(W_in·h)) for the first
    /// <paramref name="outputRows"/> rows. The last layer needs only the first token (the pooler
    /// reads nothing else): its keys and values cover every token, but its query, attention
    /// output, LayerNorms and MLP run on one row, which spares most of its softmax and GeLU.
    /// </summary>
    private AShare EncoderLayer(SecureBertLayer layer, AShare x, int tokens, int outputRows)
    {
        var config = weights.Config;
        int hidden = config.Hidden;
        AShare attentionNormed;
        using (context.Scope("attention"))
        {
            using var qkv = layer.QueryKeyValue.Apply(context, x, tokens);
            using var attended = SecureAttention.SelfAttend(context, qkv, tokens, outputRows, new AttentionHeads(config.Heads, config.HeadSize));
            using var projected = layer.AttentionOutput.Apply(context, attended, outputRows);
            using var residual = ShareSlices.Slice(x, 0, outputRows * hidden);
            LinearA.Add(projected, residual, projected);
            attentionNormed = layer.AttentionNorm.Apply(context, projected);
        }
        try
        {
            using var _ = context.Scope("mlp");
            using var down = SecureFeedForward.Apply(context, attentionNormed, outputRows, layer.Intermediate, GeluA.Gelu, layer.Output);
            LinearA.Add(down, attentionNormed, down);
            return layer.OutputNorm.Apply(context, down);
        }
        finally
        {
            attentionNormed.Dispose();
        }
    }
}
