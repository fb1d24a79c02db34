using System.Net;

namespace Puma.Transport.Tests;

/// <summary>Connects two parties over loopback: party 0 listens on an ephemeral port, party 1 connects.</summary>
internal static class TcpPairs
{
    public const int Listener = 0, Connector = 1;

    public static async Task<(TcpChannel Listening, TcpChannel Connecting)> ConnectAsync(
        TransportOptions listenerOptions, TransportOptions connectorOptions)
    {
        using var listener = new TcpPartyListener(Listener, new IPEndPoint(IPAddress.Loopback, 0), listenerOptions);
        var accept = listener.AcceptAsync(Connector);
        var connect = TcpChannel.ConnectAsync(Connector, Listener, listener.LocalEndPoint, connectorOptions);
        await Task.WhenAll(accept, connect);
        return (await accept, await connect);
    }

    /// <summary>Runs both sides of a handshake expected to fail and returns each side's error.</summary>
    public static async Task<(Exception? ListenerError, Exception? ConnectorError)> FailingHandshakeAsync(
        TransportOptions listenerOptions, int? expectedParty, TransportOptions connectorOptions, int claimedParty, int addressedParty)
    {
        using var listener = new TcpPartyListener(Listener, new IPEndPoint(IPAddress.Loopback, 0), listenerOptions);
        var accept = expectedParty is int party ? listener.AcceptAsync(party) : listener.AcceptAsync();
        var connect = TcpChannel.ConnectAsync(claimedParty, addressedParty, listener.LocalEndPoint, connectorOptions);
        var listenerError = await Record.ExceptionAsync(() => accept);
        var connectorError = await Record.ExceptionAsync(() => connect);
        if (accept.IsCompletedSuccessfully)
            accept.Result.Dispose();
        if (connect.IsCompletedSuccessfully)
            connect.Result.Dispose();
        return (listenerError, connectorError);
    }
}
