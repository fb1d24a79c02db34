using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace Puma.Transport;

/// <summary>
/// Emulates a network on one direction of a link (the sending one) around any channel: a message
/// leaves once the link's token bucket has its bytes (<see cref="LinkSchedule"/>: the rate caps
/// throughput) and is handed to the inner channel one delay later, so it is received no earlier
/// than sent + bytes/rate + delay. Wrap both ends of a link to shape both directions. Each
/// channel has its own bucket and delivery loop, so links never wait for each other; waits are
/// timers (<see cref="DelayClock"/>), never spins.
/// </summary>
/// <remarks>
/// A send completes once the message is in the emulated send buffer, as on a real network where
/// the kernel buffers it: messages up to <see cref="CopyLimit"/> are copied so that the sender
/// can go on during the transfer and the delay. A larger one holds the sender until delivered
/// instead of doubling its memory; as it occupies the link for at least CopyLimit/rate, that
/// late start of the next message is small.
/// Counters count payload as it is accepted and received, exactly like an unshaped channel.
/// Dispose delivers what is in flight, then closes the inner channel, as closing a socket does;
/// what a peer has not taken within <see cref="FlushTimeout"/> is dropped, so that links closed
/// on a failure, whose peers no longer receive, do not linger.
/// </remarks>
public sealed class ShapedChannel : IChannel
{
    public const int CopyLimit = 64 << 20;

    public static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);

    private readonly IChannel _inner;
    private readonly LinkSchedule _schedule;
    private readonly Channel<InFlightMessage> _inFlight = Channel.CreateUnbounded<InFlightMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closed = new();
    private readonly CancellationTokenSource _abandoned = new();
    private Exception? _deliveryFailure;
    private int _disposed;

    public ShapedChannel(IChannel inner, NetworkProfile profile)
    {
        _inner = inner;
        Profile = profile;
        _schedule = new LinkSchedule(profile);
        _ = Task.Run(DeliverAsync);
    }

    public NetworkProfile Profile { get; }

    public int LocalParty => _inner.LocalParty;

    public int RemoteParty => _inner.RemoteParty;

    public ChannelCounters Counters { get; } = new();

    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Volatile.Read(ref _deliveryFailure) is { } failure) ExceptionDispatchInfo.Throw(failure);
        var (accepted, arrival) = _schedule.Schedule(message.Length, Stopwatch.GetTimestamp());
        await WaitUntilAsync(accepted, cancellationToken).ConfigureAwait(false);
        if (message.Length <= CopyLimit)
        {
            Enqueue(InFlightMessage.Copy(message.Span, arrival));
        }
        else
        {
            var held = InFlightMessage.Held(message, arrival, cancellationToken);
            Enqueue(held);
            await held.Delivered!.Task.ConfigureAwait(false);
        }
        Counters.RecordSend(message.Length);
    }

    public async ValueTask ReceiveAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        await _inner.ReceiveAsync(destination, cancellationToken).ConfigureAwait(false);
        Counters.RecordReceive(destination.Length);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _closed.Cancel(); // a sender still waiting for its bytes to leave gives up
        _abandoned.CancelAfter(FlushTimeout);
        _inFlight.Writer.TryComplete(); // the delivery loop sends what is queued, then closes the inner channel
    }

    private async Task WaitUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var wait = DelayClock.Shared.WaitUntilAsync(timestamp);
        if (wait.IsCompleted) return;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        try
        {
            await wait.WaitAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException($"{MemberNames.Capitalized(LocalParty)}: the shaped channel to {MemberNames.Of(RemoteParty)} was closed during a send.");
        }
    }

    private void Enqueue(InFlightMessage message)
    {
        if (_inFlight.Writer.TryWrite(message)) return;
        message.Dispose();
        throw new ObjectDisposedException($"{MemberNames.Capitalized(LocalParty)}: the shaped channel to {MemberNames.Of(RemoteParty)} was closed during a send.");
    }

    /// <summary>Hands each message to the inner channel at its arrival time, in order; the first failure stops the direction.</summary>
    private async Task DeliverAsync()
    {
        var reader = _inFlight.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
                {
                    using (message)
                    {
                        if (Volatile.Read(ref _deliveryFailure) is { } failure)
                        {
                            message.Delivered?.TrySetException(failure);
                            continue;
                        }
                        using var either = message.SenderToken.CanBeCanceled
                            ? CancellationTokenSource.CreateLinkedTokenSource(message.SenderToken, _abandoned.Token)
                            : null;
                        var token = either?.Token ?? _abandoned.Token;
                        try
                        {
                            await DelayClock.Shared.WaitUntilAsync(message.Arrival).WaitAsync(token).ConfigureAwait(false);
                            await _inner.SendAsync(message.Payload, token).ConfigureAwait(false);
                            message.Delivered?.TrySetResult();
                        }
                        catch (Exception error)
                        {
                            Volatile.Write(ref _deliveryFailure, error);
                            message.Delivered?.TrySetException(error);
                        }
                    }
                }
            }
        }
        finally
        {
            _inner.Dispose();
        }
    }
}
