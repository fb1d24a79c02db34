using Puma.Models.Reference;

namespace Puma.Models.Secure;

/// <summary>A rotary position embedding's public settings: the base of its frequencies and which coordinates pair up.</summary>
internal readonly record struct RotaryEmbedding(double Theta, LlamaRopeLayout Layout)
{
    public static RotaryEmbedding Of(LlamaConfig config) => new(config.RopeTheta, config.RopeLayout);
}
