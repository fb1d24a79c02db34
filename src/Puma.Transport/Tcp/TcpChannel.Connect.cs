using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Puma.Transport;

public sealed partial class TcpChannel
{
    /// <summary>
    /// The connect errors that heal by waiting: the peer's process is not listening yet, or the
    /// network is slow. Anything else (a reset, an unreachable network, and every TLS or hello
    /// refusal after the connect) fails the dial at once instead of retrying until the deadline.
    /// </summary>
    private static readonly HashSet<SocketError> PeerNotListeningYet =
    [
        SocketError.ConnectionRefused, SocketError.TimedOut, SocketError.TryAgain,
    ];

    /// <summary>
    /// Connects to <paramref name="remoteParty"/>'s <see cref="TcpPartyListener"/>, retrying while it
    /// is not yet listening (parties start in any order) until <see cref="TransportOptions.ConnectTimeout"/>,
    /// then authenticates it (with TLS) and exchanges the party hello.
    /// </summary>
    public static async Task<TcpChannel> ConnectAsync(
        int localParty, int remoteParty, EndPoint remoteEndPoint, TransportOptions options, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.ConnectTimeout);
        var token = deadline.Token;
        string situation = $"{MemberNames.Capitalized(localParty)}: connecting to {MemberNames.Of(remoteParty)} at {remoteEndPoint}";
        Socket? socket = null;
        SslStream? tls = null;
        try
        {
            socket = await ConnectWithRetryAsync(remoteEndPoint, options, token).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (options.Tls is { } tlsOptions)
                stream = tls = await TlsHandshake.AuthenticateAsClientAsync(stream, localParty, remoteParty, tlsOptions, token).ConfigureAwait(false);
            await PartyHello.WriteAsync(stream, new(PartyHello.Version, localParty, remoteParty, PartyHello.Status.Accepted), token).ConfigureAwait(false);
            var reply = await PartyHello.ReadAsync(stream, situation, token).ConfigureAwait(false);
            CheckReply(reply, situation, localParty, remoteParty);
            return new TcpChannel(socket, tls, localParty, remoteParty, options);
        }
        catch (Exception error)
        {
            tls?.Dispose();
            socket?.Dispose();
            throw HandshakeFailure.Translate(error, situation, options.ConnectTimeout, options.Tls is not null, cancellationToken) ?? error;
        }
    }

    private static async Task<Socket> ConnectWithRetryAsync(EndPoint endPoint, TransportOptions options, CancellationToken token)
    {
        while (true)
        {
            var socket = endPoint.AddressFamily == AddressFamily.Unspecified
                ? new Socket(SocketType.Stream, ProtocolType.Tcp)
                : new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                SocketTuning.Apply(socket, options); // before connecting, so the window scale covers the buffers
                await socket.ConnectAsync(endPoint, token).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException error) when (PeerNotListeningYet.Contains(error.SocketErrorCode))
            {
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            await Task.Delay(options.ConnectRetryInterval, token).ConfigureAwait(false);
        }
    }

    private static void CheckReply(PartyHello.Message reply, string situation, int localParty, int remoteParty)
    {
        if (reply.Version != PartyHello.Version)
            throw new ProtocolMismatchException($"{situation}: the peer speaks handshake version {reply.Version}, this party speaks {PartyHello.Version}.");
        if (reply.Sender != remoteParty)
            throw new ProtocolMismatchException($"{situation}: the listener there is {MemberNames.Of(reply.Sender)}.");
        switch (reply.Status)
        {
            case PartyHello.Status.Accepted:
                return;
            case PartyHello.Status.CertificateMismatch:
                throw new PeerAuthenticationException($"{situation}: {MemberNames.Of(remoteParty)} refused this party's certificate as not the one pinned for {MemberNames.Of(localParty)}.");
            default:
                throw new ProtocolMismatchException($"{situation}: {MemberNames.Of(remoteParty)} refused the connection ({reply.Status}).");
        }
    }
}
