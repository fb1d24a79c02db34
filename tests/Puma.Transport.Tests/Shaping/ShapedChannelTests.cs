using System.Diagnostics;

namespace Puma.Transport.Tests;

public sealed class ShapedChannelTests
{
    private static readonly NetworkProfile Slow = new("slow", MegabitsPerSecond: 100, RoundTripMilliseconds: 20);

    private static (ShapedChannel A, ShapedChannel B) InProcessPair(NetworkProfile profile) => ShapedChannelTimingTests.InProcessPair(profile);

    [Fact]
    public async Task Counters_CountPayloadOnly()
    {
        var (a, b) = InProcessPair(NetworkProfile.Lan);
        using (a)
        using (b)
        {
            var receiving = Task.Run(async () =>
            {
                await b.ReceiveAsync(new byte[100]);
                await b.ReceiveAsync(new byte[28]);
            });
            await a.SendAsync(new byte[100]);
            await a.SendAsync(new byte[28]);
            await receiving;

            Assert.Equal((128, 2), (a.Counters.BytesSent, a.Counters.MessagesSent));
            Assert.Equal((128, 2), (b.Counters.BytesReceived, b.Counters.MessagesReceived));
        }
    }

    [Fact]
    public async Task Dispose_DeliversWhatIsInFlightFirst()
    {
        var (a, b) = InProcessPair(Slow);
        var message = Payload.Create(1000, 3);
        await a.SendAsync(message);
        a.Dispose();

        var received = new byte[1000];
        await b.ReceiveAsync(received);

        Assert.Equal(message, received);
        await Assert.ThrowsAsync<PeerLostException>(async () => await b.ReceiveAsync(received));
        b.Dispose();
    }

    [Fact]
    public async Task MessageAboveTheCopyLimit_HoldsTheSenderUntilDelivered()
    {
        var (a, b) = InProcessPair(new NetworkProfile("fast", 1e6, 2));
        using (a)
        using (b)
        {
            var message = new byte[ShapedChannel.CopyLimit + 1];
            message[^1] = 7;
            var received = new byte[message.Length];
            long start = Stopwatch.GetTimestamp();
            var sending = a.SendAsync(message).AsTask();
            await b.ReceiveAsync(received);
            await sending;

            Assert.True(Stopwatch.GetElapsedTime(start).TotalMilliseconds >= 1);
            Assert.Equal(7, received[^1]);
            Assert.Equal(message.Length, a.Counters.BytesSent);
        }
    }

    [Fact]
    public async Task ShapesTls_DeliveringIntactAfterTheDelay()
    {
        var (listening, connecting) = await TcpPairs.ConnectAsync(PartyCertificates.OptionsFor(0), PartyCertificates.OptionsFor(1));
        using var a = new ShapedChannel(connecting, Slow);
        using var b = new ShapedChannel(listening, Slow);
        var message = Payload.Create(50_000, 5);
        var received = new byte[message.Length];

        long start = Stopwatch.GetTimestamp();
        var receiving = b.ReceiveAsync(received).AsTask();
        await a.SendAsync(message);
        await receiving;

        double expected = Slow.OneWayDelay.TotalMilliseconds + message.Length * 8 / (Slow.MegabitsPerSecond * 1e3);
        Assert.True(Stopwatch.GetElapsedTime(start).TotalMilliseconds >= expected);
        Assert.Equal(message, received);
    }

    [Theory]
    [InlineData("lan", 5000, 1)]
    [InlineData("wan", 400, 40)]
    [InlineData("1000,10", 1000, 10)]
    [InlineData("2.5,0", 2.5, 0)]
    public void Profile_ReadsNamesAndRateCommaRoundTrip(string text, double rate, double roundTrip)
    {
        var profile = NetworkProfile.TryParse(text);

        Assert.NotNull(profile);
        Assert.Equal((rate, roundTrip), (profile.MegabitsPerSecond, profile.RoundTripMilliseconds));
    }

    [Theory]
    [InlineData("")]
    [InlineData("LAN")]
    [InlineData("1000")]
    [InlineData("0,10")]
    [InlineData("1000,-1")]
    [InlineData("1000,10,5")]
    [InlineData("fast,10")]
    public void Profile_RejectsAnythingElse(string text)
    {
        Assert.Null(NetworkProfile.TryParse(text));
    }
}
