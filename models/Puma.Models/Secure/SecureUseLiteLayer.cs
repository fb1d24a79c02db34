using Puma.Protocols.Core;

namespace Puma.Models.Secure;

/// <summary>Shares of one USE-Lite layer (see <see cref="UseLite.UseLiteLayerWeights"/>); the query columns carry 1/√headSize.</summary>
internal sealed class SecureUseLiteLayer
{
    public required int InputWidth { get; init; }
    public required int Heads { get; init; }
    public int HeadSize => InputWidth / Heads;
    public required AShare AttentionNormScale { get; init; }
    public required AShare AttentionNormBias { get; init; }
    public required AShare QueryKeyValue { get; init; }
    public required AShare QueryKeyValueBias { get; init; }
    public required AShare AttentionOutput { get; init; }
    public required AShare AttentionOutputBias { get; init; }
    public required AShare? ResidualProjection { get; init; }
    public required AShare? ResidualProjectionBias { get; init; }
    public required AShare FeedForwardNormScale { get; init; }
    public required AShare FeedForwardNormBias { get; init; }
    public required AShare FeedForwardIn { get; init; }
    public required AShare FeedForwardInBias { get; init; }
    public required AShare FeedForwardOut { get; init; }
    public required AShare FeedForwardOutBias { get; init; }
}
