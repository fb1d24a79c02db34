namespace Puma.Transport.Tests;

/// <summary>
/// A member that abandons a run ends a link with a notice: the peer's receive fails naming the
/// sender and quoting its reason, rather than reporting only that the sender closed the link.
/// </summary>
public sealed class AbortNoticeTests
{
    private const string Reason = "Party 0: lost the connection to party 2 during a receive: Connection reset by peer";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task APendingReceiveFailsWithTheSendersReason(bool tls)
    {
        var (listening, connecting) = await Pair(tls);
        using var _ = listening;
        using var __ = connecting;
        var pending = connecting.ReceiveAsync(new byte[64]).AsTask();

        Assert.True(await listening.TrySendAbortAsync(Reason, TimeSpan.FromSeconds(10)));
        listening.Dispose();

        var error = await Assert.ThrowsAsync<PeerLostException>(() => pending);
        Assert.Equal($"Party 1: party 0 aborted the run: {Reason}", error.Message);
    }

    [Fact]
    public async Task TheNoticeFollowsTheMessagesSentBeforeItAndEndsTheSendingSide()
    {
        var (listening, connecting) = await Pair(tls: false);
        using var _ = listening;
        using var __ = connecting;
        await listening.SendAsync(new byte[] { 1, 2, 3 });

        Assert.True(await listening.TrySendAbortAsync("line one\nline two", TimeSpan.FromSeconds(10)));

        var message = new byte[3];
        await connecting.ReceiveAsync(message);
        Assert.Equal(new byte[] { 1, 2, 3 }, message);
        var error = await Assert.ThrowsAsync<PeerLostException>(() => connecting.ReceiveAsync(new byte[3]).AsTask());
        Assert.EndsWith("aborted the run: line one line two", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => listening.SendAsync(new byte[1]).AsTask());
        Assert.False(await listening.TrySendAbortAsync(Reason, TimeSpan.FromSeconds(10)));
    }

    private static Task<(TcpChannel Listening, TcpChannel Connecting)> Pair(bool tls) => tls
        ? TcpPairs.ConnectAsync(PartyCertificates.OptionsFor(TcpPairs.Listener), PartyCertificates.OptionsFor(TcpPairs.Connector))
        : TcpPairs.ConnectAsync(new TransportOptions(), new TransportOptions());
}
