namespace Puma.Transport.Tests;

public sealed class TcpChannelTests : ChannelContractTests
{
    protected override async Task<(IChannel A, IChannel B)> CreatePairAsync(TimeSpan timeout)
    {
        var options = new TransportOptions { ReceiveTimeout = timeout };
        var (listening, connecting) = await TcpPairs.ConnectAsync(options, options);
        return (listening, connecting);
    }

    [Fact]
    public async Task Channels_KnowBothParties()
    {
        var (listening, connecting) = await TcpPairs.ConnectAsync(new(), new());
        using var _ = listening;
        using var __ = connecting;

        Assert.Equal((TcpPairs.Listener, TcpPairs.Connector), (listening.LocalParty, listening.RemoteParty));
        Assert.Equal((TcpPairs.Connector, TcpPairs.Listener), (connecting.LocalParty, connecting.RemoteParty));
        Assert.False(listening.IsTls);
    }

    [Fact]
    public async Task ScatterGather_SendsOneMessageAcrossDifferentlySplitParts()
    {
        var (a, b) = await TcpPairs.ConnectAsync(new(), new());
        using var _ = a;
        using var __ = b;
        byte[] message = Payload.Create(100_000, seed: 5);
        byte[] received = new byte[message.Length];
        ReadOnlyMemory<byte>[] sendParts = [message.AsMemory(0, 10), message.AsMemory(10, 50_000), message.AsMemory(50_010)];
        Memory<byte>[] receiveParts = [received.AsMemory(0, 70_000), received.AsMemory(70_000)];

        await Task.WhenAll(a.SendAsync(sendParts).AsTask(), b.ReceiveAsync(receiveParts).AsTask());

        Assert.Equal(message, received);
        Assert.Equal((message.Length, 1L), (a.Counters.BytesSent, a.Counters.MessagesSent));
    }

    [Fact]
    public async Task Receive_AfterFailedReceive_RefusesInsteadOfMisreading()
    {
        var (a, b) = await TcpPairs.ConnectAsync(new(), new());
        using var _ = a;
        using var __ = b;
        await a.SendAsync(new byte[10]);
        await Assert.ThrowsAsync<ProtocolMismatchException>(() => b.ReceiveAsync(new byte[9]).AsTask());

        await Assert.ThrowsAsync<InvalidOperationException>(() => b.ReceiveAsync(new byte[10]).AsTask());
    }

    [Fact]
    public async Task Send_AfterPeerDisposed_EventuallyThrowsPeerLost()
    {
        var (a, b) = await TcpPairs.ConnectAsync(new(), new());
        using var _ = a;
        b.Dispose();
        byte[] message = new byte[1 << 20];

        var error = await Record.ExceptionAsync(async () =>
        {
            for (int i = 0; i < 1000; i++)
                await a.SendAsync(message);
        });

        Assert.IsType<PeerLostException>(error);
    }
}
