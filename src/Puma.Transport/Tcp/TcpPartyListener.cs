using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Puma.Transport;

/// <summary>
/// Accepts connections from other parties on one address. The connecting party says who it is
/// in the party hello; with TLS the claim must match the certificate it presented.
/// </summary>
public sealed class TcpPartyListener : IDisposable
{
    private readonly Socket _socket;
    private readonly TransportOptions _options;

    /// <summary>Starts listening at once (port 0 picks a free port; see <see cref="LocalEndPoint"/>).</summary>
    public TcpPartyListener(int localParty, IPEndPoint endPoint, TransportOptions options)
    {
        LocalParty = localParty;
        _options = options;
        _socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            SocketTuning.Apply(_socket, options); // accepted sockets inherit the buffer sizes
            _socket.Bind(endPoint);
            _socket.Listen();
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    public int LocalParty { get; }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>Accepts the next connecting party, whichever it is; its id is the channel's <see cref="TcpChannel.RemoteParty"/>.</summary>
    public Task<TcpChannel> AcceptAsync(CancellationToken cancellationToken = default) =>
        AcceptCoreAsync(expectedParty: null, cancellationToken);

    /// <summary>Accepts the next connection and requires it to come from <paramref name="expectedParty"/>.</summary>
    public Task<TcpChannel> AcceptAsync(int expectedParty, CancellationToken cancellationToken = default) =>
        AcceptCoreAsync(expectedParty, cancellationToken);

    /// <summary>
    /// Waits, without a deadline, for the next connection, for servers that run each handshake
    /// (<see cref="HandshakeAsync"/>) on its own so one slow peer does not hold up the others.
    /// </summary>
    public async Task<Socket> AcceptSocketAsync(CancellationToken cancellationToken = default)
    {
        var socket = await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
        SocketTuning.Apply(socket, _options);
        return socket;
    }

    /// <summary>
    /// The handshake on an accepted <paramref name="socket"/> (TLS, then the hello), within
    /// <see cref="TransportOptions.ConnectTimeout"/>; <paramref name="expectedParty"/> null accepts
    /// any party. The channel owns the socket; on failure the socket is closed.
    /// </summary>
    public async Task<TcpChannel> HandshakeAsync(Socket socket, int? expectedParty, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.ConnectTimeout);
        string peer = socket.RemoteEndPoint?.ToString() ?? "an unknown address";
        return await HandshakeCoreAsync(socket, expectedParty, $"{MemberNames.Capitalized(LocalParty)}: accepting the peer at {peer}", deadline.Token, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TcpChannel> AcceptCoreAsync(int? expectedParty, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.ConnectTimeout);
        var token = deadline.Token;
        string situation = $"{MemberNames.Capitalized(LocalParty)}: accepting a party at {LocalEndPoint}";
        Socket socket;
        try
        {
            socket = await _socket.AcceptAsync(token).ConfigureAwait(false);
            SocketTuning.Apply(socket, _options);
        }
        catch (Exception error)
        {
            throw HandshakeFailure.Translate(error, situation, _options.ConnectTimeout, _options.Tls is not null, cancellationToken) ?? error;
        }
        string peer = socket.RemoteEndPoint?.ToString() ?? "an unknown address";
        return await HandshakeCoreAsync(socket, expectedParty, $"{MemberNames.Capitalized(LocalParty)}: accepting the peer at {peer}", token, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TcpChannel> HandshakeCoreAsync(Socket socket, int? expectedParty, string situation, CancellationToken token, CancellationToken cancellationToken)
    {
        SslStream? tls = null;
        try
        {
            string peer = socket.RemoteEndPoint?.ToString() ?? "an unknown address";
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            int certificateParty = -1;
            if (_options.Tls is { } tlsOptions)
            {
                (tls, certificateParty) = await TlsHandshake.AuthenticateAsServerAsync(stream, LocalParty, expectedParty, peer, tlsOptions, token).ConfigureAwait(false);
                stream = tls;
            }
            var hello = await PartyHello.ReadAsync(stream, situation, token).ConfigureAwait(false);
            var status = Judge(hello, expectedParty, certificateParty);
            await PartyHello.WriteAsync(stream, new(PartyHello.Version, LocalParty, hello.Sender, status), token).ConfigureAwait(false);
            if (status != PartyHello.Status.Accepted)
                throw Rejection(status, hello, expectedParty, certificateParty, situation);
            return new TcpChannel(socket, tls, LocalParty, hello.Sender, _options);
        }
        catch (Exception error)
        {
            tls?.Dispose();
            socket.Dispose();
            throw HandshakeFailure.Translate(error, situation, _options.ConnectTimeout, _options.Tls is not null, cancellationToken) ?? error;
        }
    }

    private PartyHello.Status Judge(PartyHello.Message hello, int? expectedParty, int certificateParty)
    {
        if (hello.Version != PartyHello.Version)
            return PartyHello.Status.UnsupportedVersion;
        bool expected = hello.Addressee == LocalParty && hello.Sender != LocalParty && (expectedParty ?? hello.Sender) == hello.Sender;
        if (!expected)
            return PartyHello.Status.UnexpectedParty;
        if (_options.Tls is not null && certificateParty != hello.Sender)
            return PartyHello.Status.CertificateMismatch;
        return PartyHello.Status.Accepted;
    }

    private Exception Rejection(PartyHello.Status status, PartyHello.Message hello, int? expectedParty, int certificateParty, string situation) => status switch
    {
        PartyHello.Status.UnsupportedVersion => new ProtocolMismatchException(
            $"{situation}: it speaks handshake version {hello.Version}, this party speaks {PartyHello.Version}."),
        PartyHello.Status.CertificateMismatch => new PeerAuthenticationException(
            $"{situation}: it claims to be {MemberNames.Of(hello.Sender)} but presented the certificate pinned for {MemberNames.Of(certificateParty)}."),
        _ => new ProtocolMismatchException(
            $"{situation}: it claims to be {MemberNames.Of(hello.Sender)} calling {MemberNames.Of(hello.Addressee)}, but {MemberNames.Of(LocalParty)} expects {(expectedParty is int party ? $"{MemberNames.Of(party)}" : "another party")}."),
    };

    public void Dispose() => _socket.Dispose();
}
