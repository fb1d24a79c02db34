namespace Puma.Models.UseLite;

/// <summary>
/// One pre-norm Transformer layer of USE-Lite. Every matrix is stored [in, out] as in the graph
/// (1×1 Conv2D kernels and Tensordot matrices alike), row-major. Layer 0 reads a narrower input
/// (the 256-wide embeddings) than it writes (512), so its residual goes through
/// <see cref="ResidualProjection"/>; layer 1 adds its input unchanged.
/// </summary>
public sealed class UseLiteLayerWeights
{
    public required int InputWidth { get; init; }
    public required int Heads { get; init; }
    public int HeadSize => InputWidth / Heads;
    public required double[] AttentionNormScale { get; init; }
    public required double[] AttentionNormBias { get; init; }

    /// <summary>[InputWidth, 3·InputWidth]: queries, keys, values side by side, each split into heads.</summary>
    public required double[] QueryKeyValue { get; init; }
    public required double[] QueryKeyValueBias { get; init; }

    /// <summary>The public factor on queries, 1/√HeadSize (checked when loading).</summary>
    public required double QueryScale { get; init; }

    /// <summary>[InputWidth, Width].</summary>
    public required double[] AttentionOutput { get; init; }
    public required double[] AttentionOutputBias { get; init; }

    /// <summary>[InputWidth, Width] dense map of the residual, or null when InputWidth = Width.</summary>
    public required double[]? ResidualProjection { get; init; }
    public required double[]? ResidualProjectionBias { get; init; }
    public required double[] FeedForwardNormScale { get; init; }
    public required double[] FeedForwardNormBias { get; init; }

    /// <summary>[Width, Hidden], followed by ReLU.</summary>
    public required double[] FeedForwardIn { get; init; }
    public required double[] FeedForwardInBias { get; init; }

    /// <summary>[Hidden, Width].</summary>
    public required double[] FeedForwardOut { get; init; }
    public required double[] FeedForwardOutBias { get; init; }
}
