using System.Net.Sockets;

namespace Puma.Transport;

/// <summary>Names the parties in failures while a connection is being set up.</summary>
internal static class HandshakeFailure
{
    /// <summary>
    /// Maps a setup failure to a Puma exception; null keeps the original (already a Puma
    /// exception, or the caller's own cancellation).
    /// </summary>
    public static Exception? Translate(Exception error, string situation, TimeSpan deadline, bool tls, CancellationToken callerToken) => error switch
    {
        OperationCanceledException when callerToken.IsCancellationRequested => null,
        OperationCanceledException => new PeerTimeoutException($"{situation}: not done within {deadline.TotalSeconds:0.###} s.", error),
        EndOfStreamException or IOException or SocketException => new PeerLostException(
            $"{situation}: the peer closed the connection during the handshake{(tls ? " (it may have rejected this party's certificate)" : "")}: {error.Message}", error),
        _ => null,
    };
}
