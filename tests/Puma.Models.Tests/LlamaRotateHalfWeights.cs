using Puma.Models.Reference;

namespace Puma.Models.Tests;

/// <summary>
/// Interleaved-layout weights with q/k rows permuted the way Hugging Face's conversion script
/// does (within each head: even rows first, then odd rows), declared as rotate-half layout.
/// The same model, so it must give the same logits.
/// </summary>
internal sealed class LlamaRotateHalfWeights(LlamaWeights inner) : LlamaWeights
{
    private readonly float[][] _queries = [.. Enumerable.Range(0, inner.Config.Layers).Select(layer => Permute(inner.Query(layer), inner.Config))];
    private readonly float[][] _keys = [.. Enumerable.Range(0, inner.Config.Layers).Select(layer => Permute(inner.Key(layer), inner.Config))];

    public override LlamaConfig Config { get; } = inner.Config with { RopeLayout = LlamaRopeLayout.RotateHalf };

    public override ReadOnlySpan<float> TokenEmbedding => inner.TokenEmbedding;
    public override ReadOnlySpan<float> AttentionNorm(int layer) => inner.AttentionNorm(layer);
    public override ReadOnlySpan<float> Query(int layer) => _queries[layer];
    public override ReadOnlySpan<float> Key(int layer) => _keys[layer];
    public override ReadOnlySpan<float> Value(int layer) => inner.Value(layer);
    public override ReadOnlySpan<float> AttentionOutput(int layer) => inner.AttentionOutput(layer);
    public override ReadOnlySpan<float> FeedForwardNorm(int layer) => inner.FeedForwardNorm(layer);
    public override ReadOnlySpan<float> Gate(int layer) => inner.Gate(layer);
    public override ReadOnlySpan<float> Up(int layer) => inner.Up(layer);
    public override ReadOnlySpan<float> Down(int layer) => inner.Down(layer);
    public override ReadOnlySpan<float> FinalNorm => inner.FinalNorm;
    public override ReadOnlySpan<float> Classifier => inner.Classifier;

    private static float[] Permute(ReadOnlySpan<float> matrix, LlamaConfig config)
    {
        var columns = config.Dim;
        var headSize = config.HeadSize;
        var half = headSize / 2;
        var permuted = new float[matrix.Length];
        for (var row = 0; row < matrix.Length / columns; row++)
        {
            var head = row / headSize;
            var within = row % headSize;
            var source = head * headSize + (within < half ? 2 * within : 2 * (within - half) + 1);
            matrix.Slice(source * columns, columns).CopyTo(permuted.AsSpan(row * columns, columns));
        }
        return permuted;
    }
}
