namespace Puma.Transport;

/// <summary>Settings of TCP links between parties.</summary>
public sealed record TransportOptions
{
    /// <summary>
    /// Longest wait for the peer to make progress on a receive (or to drain a send) before
    /// <see cref="PeerTimeoutException"/>; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.
    /// </summary>
    public TimeSpan ReceiveTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Deadline for connecting (retried while the peer is not yet listening) and the handshake.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Pause between connection attempts while the peer is not yet listening.</summary>
    public TimeSpan ConnectRetryInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Kernel send and receive buffer size; large buffers keep a fast link full.</summary>
    public int SocketBufferSize { get; init; } = 4 << 20;

    /// <summary>Mutual TLS settings, or null for plain TCP (trusted networks and tests only).</summary>
    public TlsOptions? Tls { get; init; }
}
