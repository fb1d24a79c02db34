namespace Puma.Protocols.Core;

/// <summary>Settings of a run: every party must use the same ones, except those marked local.</summary>
public sealed record ProtocolConfig
{
    /// <summary>Fixed-point fractional bits f (PUMA: 18).</summary>
    public int FractionalBits { get; init; } = Simd.FixedPoint.DefaultFractionalBits;

    /// <summary>How long a party waits for a peer's message before failing with a timeout.</summary>
    public TimeSpan ReceiveTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Bytes of protocol temporaries each party keeps for reuse between calls (see
    /// <see cref="BufferPool"/>); 0 frees every temporary at once. A local setting: the parties
    /// need not agree on it.
    /// </summary>
    public long BufferPoolBytes { get; init; } = 128L << 20;

    public static ProtocolConfig Default { get; } = new();
}
