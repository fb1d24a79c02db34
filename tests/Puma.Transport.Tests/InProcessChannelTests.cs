namespace Puma.Transport.Tests;

public sealed class InProcessChannelTests : ChannelContractTests
{
    protected override Task<(IChannel A, IChannel B)> CreatePairAsync(TimeSpan timeout) =>
        Task.FromResult(InProcessChannel.CreatePair(PartyA, PartyB, timeout));

    [Fact]
    public async Task Send_CompletesOnlyAfterReceiverCopied()
    {
        var (a, b) = InProcessChannel.CreatePair(PartyA, PartyB);
        using var _ = a;
        using var __ = b;

        var send = a.SendAsync(new byte[] { 1, 2, 3 }).AsTask();
        await Task.Delay(50);
        bool completedBeforeReceive = send.IsCompleted;
        byte[] received = new byte[3];
        await b.ReceiveAsync(received);
        await send;

        Assert.False(completedBeforeReceive);
        Assert.Equal(new byte[] { 1, 2, 3 }, received);
    }

    [Fact]
    public async Task CancelledSend_IsNeverDelivered()
    {
        var (a, b) = InProcessChannel.CreatePair(PartyA, PartyB);
        using var _ = a;
        using var __ = b;
        using var cancellation = new CancellationTokenSource();

        var cancelledSend = a.SendAsync(new byte[] { 9 }, cancellation.Token).AsTask();
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelledSend);
        byte[] received = new byte[1];
        await Task.WhenAll(a.SendAsync(new byte[] { 7 }).AsTask(), b.ReceiveAsync(received).AsTask());

        Assert.Equal(7, received[0]);
        Assert.Equal(1, a.Counters.MessagesSent);
    }

    [Fact]
    public async Task ReceiverDisposed_DuringSend_FailsSenderWithPeerLost()
    {
        var (a, b) = InProcessChannel.CreatePair(PartyA, PartyB);
        using var _ = a;

        var send = a.SendAsync(new byte[8]).AsTask();
        await Task.Delay(50);
        b.Dispose();

        var error = await Assert.ThrowsAsync<PeerLostException>(() => send);
        Assert.Contains($"party {PartyB}", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Send_OfWrongSize_FailsSenderWithProtocolMismatch()
    {
        var (a, b) = InProcessChannel.CreatePair(PartyA, PartyB);
        using var _ = a;
        using var __ = b;

        var send = a.SendAsync(new byte[5]).AsTask();
        await Assert.ThrowsAsync<ProtocolMismatchException>(() => b.ReceiveAsync(new byte[4]).AsTask());

        await Assert.ThrowsAsync<ProtocolMismatchException>(() => send);
    }

    [Fact]
    public void CreatePair_WithSameParty_Throws()
    {
        Assert.Throws<ArgumentException>(() => InProcessChannel.CreatePair(2, 2));
    }
}
