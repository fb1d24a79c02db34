using System.Diagnostics;

namespace Puma.Transport.Tests;

/// <summary>Tests that time the emulated network; nothing else in this assembly runs beside them.</summary>
[CollectionDefinition(nameof(ShapedChannelTimingTests), DisableParallelization = true)]
public sealed class TimingCollection;

/// <summary>
/// Round trip and throughput through <see cref="ShapedChannel"/>, each within 10 % of the
/// profile: a correctness check of the emulator, not a speed target.
/// </summary>
[Collection(nameof(ShapedChannelTimingTests))]
public sealed class ShapedChannelTimingTests
{
    /// <summary>
    /// Slow enough that a loaded 2-core machine's scheduling noise stays below 10 % of the round
    /// trip and of the transfer time: each message wakes a few sleeping threads, and with dozens
    /// of runnable threads on the two cores a wake-up was seen to come up to 20 ms late (a 5 ms
    /// Task.Delay took 8 to 28 ms).
    /// </summary>
    private static readonly NetworkProfile Measured = new("test", MegabitsPerSecond: 100, RoundTripMilliseconds: 400);

    internal static (ShapedChannel A, ShapedChannel B) InProcessPair(NetworkProfile profile)
    {
        var (a, b) = InProcessChannel.CreatePair(0, 1, TimeSpan.FromSeconds(30));
        return (new ShapedChannel(a, profile), new ShapedChannel(b, profile));
    }

    /// <summary>One message each way first, so that compiling the code paths is not timed.</summary>
    private static async Task WarmUpAsync(IChannel a, IChannel b)
    {
        var buffer = new byte[8];
        await Task.WhenAll(a.SendAsync(buffer).AsTask(), b.ReceiveAsync(buffer).AsTask());
        await Task.WhenAll(b.SendAsync(buffer).AsTask(), a.ReceiveAsync(buffer).AsTask());
    }

    /// <summary>
    /// Scheduling noise only ever adds time, since nothing is delivered early, so the fastest of
    /// a few samples measures the emulator; every sample must still respect the profile.
    /// </summary>
    private const int Samples = 3;

    [Fact]
    public async Task PingPong_TakesTheRoundTripTime()
    {
        var (a, b) = InProcessPair(Measured);
        using (a)
        using (b)
        {
            await WarmUpAsync(a, b);
            var ping = new byte[8];
            var pong = new byte[8];
            var times = new List<double>();
            for (int i = 0; i < Samples; i++)
            {
                long start = Stopwatch.GetTimestamp();
                var echo = Task.Run(async () =>
                {
                    await b.ReceiveAsync(pong);
                    await b.SendAsync(pong);
                });
                await a.SendAsync(ping);
                await a.ReceiveAsync(ping);
                await echo;
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            Assert.All(times, t => Assert.True(t >= Measured.RoundTripMilliseconds, $"a round trip took {t:0.00} ms, less than the emulated {Measured.RoundTripMilliseconds} ms"));
            Assert.InRange(times.Min(), Measured.RoundTripMilliseconds, Measured.RoundTripMilliseconds * 1.1);
        }
    }

    [Fact]
    public async Task BulkTransfer_RunsAtTheRate()
    {
        const int Messages = 4, Size = 2 << 20; // 8 MiB: 671 ms at 100 Mbps, each message a sixth of a second apart
        var (a, b) = InProcessPair(Measured);
        using (a)
        using (b)
        {
            await WarmUpAsync(a, b);
            var sent = Enumerable.Range(0, Messages).Select(i => Payload.Create(Size, i)).ToArray();
            var rates = new List<double>();
            for (int sample = 0; sample < Samples; sample++)
            {
                var received = Enumerable.Range(0, Messages).Select(_ => new byte[Size]).ToArray();
                long start = Stopwatch.GetTimestamp();
                var receiving = Task.Run(async () =>
                {
                    foreach (var buffer in received) await b.ReceiveAsync(buffer);
                });
                foreach (var message in sent) await a.SendAsync(message);
                await receiving;
                double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds - Measured.OneWayDelay.TotalSeconds;
                rates.Add(Messages * (double)Size * 8 / seconds / 1e6);
                Assert.Equal(sent, received);
            }

            Assert.All(rates, r => Assert.True(r <= Measured.MegabitsPerSecond * 1.0001, $"{r:0.0} Mbps, above the emulated {Measured.MegabitsPerSecond} Mbps"));
            Assert.InRange(rates.Max(), Measured.MegabitsPerSecond * 0.9, Measured.MegabitsPerSecond * 1.0001);
        }
    }
}
