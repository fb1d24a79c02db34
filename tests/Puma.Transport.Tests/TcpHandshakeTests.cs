using System.Net;
using System.Net.Sockets;

namespace Puma.Transport.Tests;

public sealed class TcpHandshakeTests
{
    [Fact]
    public async Task Connector_ClaimingUnexpectedParty_IsRefusedOnBothSides()
    {
        var (listenerError, connectorError) = await TcpPairs.FailingHandshakeAsync(
            new(), expectedParty: TcpPairs.Connector, new(), claimedParty: 2, addressedParty: TcpPairs.Listener);

        var error = Assert.IsType<ProtocolMismatchException>(listenerError);
        Assert.Contains("claims to be party 2", error.Message);
        Assert.IsType<ProtocolMismatchException>(connectorError);
    }

    [Fact]
    public async Task Connector_AddressingAnotherParty_LearnsWhoListens()
    {
        var (listenerError, connectorError) = await TcpPairs.FailingHandshakeAsync(
            new(), expectedParty: null, new(), claimedParty: TcpPairs.Connector, addressedParty: 2);

        var error = Assert.IsType<ProtocolMismatchException>(connectorError);
        Assert.Contains("the listener there is party 0", error.Message);
        Assert.IsType<ProtocolMismatchException>(listenerError);
    }

    [Fact]
    public async Task Stranger_WithoutMagic_IsRejected()
    {
        using var listener = new TcpPartyListener(TcpPairs.Listener, new IPEndPoint(IPAddress.Loopback, 0), new());
        var accept = listener.AcceptAsync();
        using var stranger = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await stranger.ConnectAsync(listener.LocalEndPoint);
        await stranger.SendAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray());

        var error = await Assert.ThrowsAsync<ProtocolMismatchException>(() => accept);
        Assert.Contains("PUMA", error.Message);
    }

    [Fact]
    public async Task Connect_BeforeListenerStarts_RetriesUntilItListens()
    {
        var endPoint = FreeLoopbackEndPoint();
        var connect = TcpChannel.ConnectAsync(TcpPairs.Connector, TcpPairs.Listener, endPoint, new());
        await Task.Delay(300);
        using var listener = new TcpPartyListener(TcpPairs.Listener, endPoint, new());
        using var accepted = await listener.AcceptAsync();
        using var connected = await connect;

        byte[] received = new byte[3];
        await Task.WhenAll(connected.SendAsync(new byte[] { 1, 2, 3 }).AsTask(), accepted.ReceiveAsync(received).AsTask());
        Assert.Equal(new byte[] { 1, 2, 3 }, received);
    }

    [Fact]
    public async Task Connect_WithNobodyListening_TimesOutNamingTheParty()
    {
        var options = new TransportOptions { ConnectTimeout = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<PeerTimeoutException>(
            () => TcpChannel.ConnectAsync(TcpPairs.Connector, TcpPairs.Listener, FreeLoopbackEndPoint(), options));

        Assert.Contains("party 0", error.Message);
    }

    /// <summary>A refused hello or an unpinned certificate cannot heal: the dial fails with the reason, well before a long connect timeout.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Connect_RefusedByTheListener_FailsAtOnceDespiteALongConnectTimeout(bool unpinnedCertificate)
    {
        var connectTimeout = TimeSpan.FromSeconds(60);
        var listenerOptions = new TransportOptions { ConnectTimeout = connectTimeout };
        var connectorOptions = listenerOptions;
        if (unpinnedCertificate)
        {
            var thumbprints = PartyCertificates.Thumbprints();
            thumbprints[TcpPairs.Connector] = thumbprints[2];
            listenerOptions = listenerOptions with { Tls = new TlsOptions { LocalCertificate = PartyCertificates.All[TcpPairs.Listener], PeerThumbprints = thumbprints } };
            connectorOptions = PartyCertificates.OptionsFor(TcpPairs.Connector) with { ConnectTimeout = connectTimeout };
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (_, connectorError) = await TcpPairs.FailingHandshakeAsync(
            listenerOptions, expectedParty: unpinnedCertificate ? TcpPairs.Connector : 2, connectorOptions, claimedParty: TcpPairs.Connector, addressedParty: TcpPairs.Listener);

        Assert.True(clock.Elapsed < connectTimeout / 2, $"the dial took {clock.Elapsed.TotalSeconds:F1} s of its {connectTimeout.TotalSeconds} s timeout");
        var error = Assert.IsAssignableFrom<PumaException>(connectorError);
        Assert.Contains("connecting to party 0", error.Message);
        Assert.Contains(unpinnedCertificate ? "certificate" : "refused", error.Message);
    }

    private static IPEndPoint FreeLoopbackEndPoint()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (IPEndPoint)probe.LocalEndPoint!;
    }
}
