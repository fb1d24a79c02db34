namespace Puma.Transport.Tests;

/// <summary>
/// The behaviour every <see cref="IChannel"/> implementation promises, run against each one by a
/// derived class that says how to build a connected pair.
/// </summary>
public abstract class ChannelContractTests
{
    protected const int PartyA = 0, PartyB = 1;

    /// <summary>Builds two connected ends: party <see cref="PartyA"/> first, party <see cref="PartyB"/> second.</summary>
    protected abstract Task<(IChannel A, IChannel B)> CreatePairAsync(TimeSpan timeout);

    protected Task<(IChannel A, IChannel B)> CreatePairAsync() => CreatePairAsync(TimeSpan.FromSeconds(30));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(4096)]
    [InlineData(10_000_000)]
    public async Task RoundTrip_DeliversExactBytes(int size)
    {
        var (a, b) = await CreatePairAsync();
        using var _ = a;
        using var __ = b;
        byte[] sent = Payload.Create(size, seed: size);
        byte[] received = new byte[size];

        await Task.WhenAll(a.SendAsync(sent).AsTask(), b.ReceiveAsync(received).AsTask());

        Assert.Equal(sent, received);
    }

    [Fact]
    public async Task FullDuplex_LargeMessagesBothWaysAtOnce_DoNotDeadlock()
    {
        const int size = 64 << 20;
        var (a, b) = await CreatePairAsync();
        using var _ = a;
        using var __ = b;
        byte[] fromA = Payload.Create(size, seed: 1), fromB = Payload.Create(size, seed: 2);
        byte[] atA = new byte[size], atB = new byte[size];

        await Task.WhenAll(
            a.SendAsync(fromA).AsTask(), a.ReceiveAsync(atA).AsTask(),
            b.SendAsync(fromB).AsTask(), b.ReceiveAsync(atB).AsTask());

        Assert.True(fromB.AsSpan().SequenceEqual(atA));
        Assert.True(fromA.AsSpan().SequenceEqual(atB));
    }

    [Fact]
    public async Task ManyMessages_ArriveInOrder_AndCountersAreExact()
    {
        const int count = 500;
        var (a, b) = await CreatePairAsync();
        using var _ = a;
        using var __ = b;
        int SizeOf(int index) => index * 37 % 1000;

        async Task SendAll()
        {
            for (int i = 0; i < count; i++)
                await a.SendAsync(Payload.Create(SizeOf(i), seed: i));
        }
        async Task<bool> ReceiveAll()
        {
            bool allMatch = true;
            for (int i = 0; i < count; i++)
            {
                byte[] received = new byte[SizeOf(i)];
                await b.ReceiveAsync(received);
                allMatch &= received.AsSpan().SequenceEqual(Payload.Create(SizeOf(i), seed: i));
            }
            return allMatch;
        }

        var receiving = ReceiveAll();
        await Task.WhenAll(SendAll(), receiving);

        long totalBytes = Enumerable.Range(0, count).Sum(i => (long)SizeOf(i));
        Assert.True(await receiving);
        Assert.Equal((totalBytes, count), (a.Counters.BytesSent, a.Counters.MessagesSent));
        Assert.Equal((totalBytes, count), (b.Counters.BytesReceived, b.Counters.MessagesReceived));
        Assert.Equal((0L, 0L), (a.Counters.BytesReceived, a.Counters.MessagesReceived));
        Assert.Equal((0L, 0L), (b.Counters.BytesSent, b.Counters.MessagesSent));
    }

    [Fact]
    public async Task Receive_OfWrongSize_ThrowsProtocolMismatchNamingBothSides()
    {
        var (a, b) = await CreatePairAsync();
        using var _ = a;
        using var __ = b;

        var send = a.SendAsync(new byte[100]).AsTask();
        var error = await Assert.ThrowsAsync<ProtocolMismatchException>(() => b.ReceiveAsync(new byte[99]).AsTask());
        await Record.ExceptionAsync(() => send); // the sender may succeed (TCP) or learn of the mismatch (in-process)

        Assert.Contains("100", error.Message);
        Assert.Contains("99", error.Message);
        Assert.Contains($"party {PartyA}", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PeerDisposed_DuringReceive_ThrowsPeerLost()
    {
        var (a, b) = await CreatePairAsync();
        using var _ = b;

        var receive = b.ReceiveAsync(new byte[16]).AsTask();
        await Task.Delay(50);
        a.Dispose();

        var error = await Assert.ThrowsAsync<PeerLostException>(() => receive);
        Assert.Contains($"party {PartyA}", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PeerDisposed_BeforeReceive_ThrowsPeerLost()
    {
        var (a, b) = await CreatePairAsync();
        using var _ = b;
        a.Dispose();

        await Assert.ThrowsAsync<PeerLostException>(() => b.ReceiveAsync(new byte[16]).AsTask());
    }

    [Fact]
    public async Task Receive_WithSilentPeer_ThrowsPeerTimeout()
    {
        var (a, b) = await CreatePairAsync(TimeSpan.FromMilliseconds(200));
        using var _ = a;
        using var __ = b;

        var error = await Assert.ThrowsAsync<PeerTimeoutException>(() => b.ReceiveAsync(new byte[16]).AsTask());
        Assert.Contains($"party {PartyA}", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Receive_Cancelled_ThrowsOperationCanceled()
    {
        var (a, b) = await CreatePairAsync();
        using var _ = a;
        using var __ = b;
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b.ReceiveAsync(new byte[16], cancellation.Token).AsTask());
    }
}
