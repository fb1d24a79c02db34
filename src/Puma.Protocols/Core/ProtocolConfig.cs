namespace Puma.Protocols.Core;

/// <summary>Settings every party of a run must agree on.</summary>
public sealed record ProtocolConfig
{
    /// <summary>Fixed-point fractional bits f (PUMA: 18).</summary>
    public int FractionalBits { get; init; } = Simd.FixedPoint.DefaultFractionalBits;

    /// <summary>How long a party waits for a peer's message before failing with a timeout.</summary>
    public TimeSpan ReceiveTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public static ProtocolConfig Default { get; } = new();
}
