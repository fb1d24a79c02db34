using System.Net.Sockets;

namespace Puma.Transport;

/// <summary>Socket settings for MPC traffic: many latency-bound rounds and a few bulk transfers.</summary>
internal static class SocketTuning
{
    public static void Apply(Socket socket, TransportOptions options)
    {
        socket.NoDelay = true; // a round's last segment must leave at once, not wait for an ACK
        socket.SendBufferSize = options.SocketBufferSize;
        socket.ReceiveBufferSize = options.SocketBufferSize;
    }
}
