using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Puma.Transport;

/// <summary>
/// One end of an in-process link between two parties of an embedded run. A message is copied
/// exactly once, from the sender's memory straight into the receiver's destination, so a send
/// completes only when the peer has received it (a rendezvous: a party that sends before it
/// receives must run both at once, as it would to overlap network rounds anyway).
/// </summary>
public sealed class InProcessChannel : IChannel
{
    private readonly InProcessLink _link;
    private readonly ChannelWriter<InProcessMessage> _outbox;
    private readonly ChannelReader<InProcessMessage> _inbox;
    private readonly TimeSpan _timeout;

    private InProcessChannel(InProcessLink link, int localParty, int remoteParty, TimeSpan timeout)
    {
        _link = link;
        _timeout = timeout;
        LocalParty = localParty;
        RemoteParty = remoteParty;
        bool isA = localParty == link.PartyA;
        _outbox = (isA ? link.AToB : link.BToA).Writer;
        _inbox = (isA ? link.BToA : link.AToB).Reader;
    }

    public int LocalParty { get; }
    public int RemoteParty { get; }
    public ChannelCounters Counters { get; } = new();

    /// <summary>Creates the two connected ends; operations wait for the peer without a time limit.</summary>
    public static (IChannel, IChannel) CreatePair(int partyA, int partyB) =>
        CreatePair(partyA, partyB, Timeout.InfiniteTimeSpan);

    /// <summary>
    /// Creates the two connected ends. A send or receive that waits longer than
    /// <paramref name="timeout"/> for the peer fails with <see cref="PeerTimeoutException"/>, which
    /// turns a protocol deadlock in tests into an error instead of a hang.
    /// </summary>
    public static (IChannel, IChannel) CreatePair(int partyA, int partyB, TimeSpan timeout)
    {
        if (partyA == partyB)
            throw new ArgumentException($"A link needs two distinct parties, got {MemberNames.Of(partyA)} twice.", nameof(partyB));
        var link = new InProcessLink(partyA, partyB);
        return (new InProcessChannel(link, partyA, partyB, timeout), new InProcessChannel(link, partyB, partyA, timeout));
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
            return ValueTask.FromCanceled(cancellationToken);
        var pending = new InProcessMessage(message);
        if (!_outbox.TryWrite(pending))
            return ValueTask.FromException(LinkClosedException("send"));
        return AwaitDeliveryAsync(pending, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask AwaitDeliveryAsync(InProcessMessage pending, CancellationToken cancellationToken)
    {
        using var timeout = StartTimeout(cancellationToken, out var token);
        try
        {
            await pending.Delivered.WaitAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && pending.TryClaim())
        {
            throw;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && token.IsCancellationRequested && pending.TryClaim())
        {
            throw TimedOut("send");
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The receiver (or a closing peer) claimed the message first and completes it at once.
            await pending.Delivered.ConfigureAwait(false);
        }
        Counters.RecordSend(pending.Payload.Length);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask ReceiveAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        using var timeout = StartTimeout(cancellationToken, out var token);
        InProcessMessage message;
        do
        {
            try
            {
                message = await _inbox.ReadAsync(token).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                throw LinkClosedException("receive");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && token.IsCancellationRequested)
            {
                throw TimedOut("receive");
            }
        }
        while (!message.TryClaim()); // skip messages whose send was cancelled

        if (message.Payload.Length != destination.Length)
        {
            message.Fail(new ProtocolMismatchException(
                $"{MemberNames.Capitalized(RemoteParty)}: sent {message.Payload.Length} bytes to {MemberNames.Of(LocalParty)}, which expected {destination.Length} bytes."));
            throw new ProtocolMismatchException(
                $"{MemberNames.Capitalized(LocalParty)}: expected {destination.Length} bytes from {MemberNames.Of(RemoteParty)}, which sent {message.Payload.Length} bytes.");
        }
        message.Payload.Span.CopyTo(destination.Span);
        message.MarkDelivered();
        Counters.RecordReceive(destination.Length);
    }

    /// <summary>Closes the link for both ends: the peer's pending and later operations fail with <see cref="PeerLostException"/>.</summary>
    public void Dispose() => _link.Close(LocalParty);

    private CancellationTokenSource? StartTimeout(CancellationToken cancellationToken, out CancellationToken token)
    {
        if (_timeout == Timeout.InfiniteTimeSpan)
        {
            token = cancellationToken;
            return null;
        }
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(_timeout);
        token = source.Token;
        return source;
    }

    private PeerTimeoutException TimedOut(string operation) =>
        new($"{MemberNames.Capitalized(LocalParty)}: {operation} with {MemberNames.Of(RemoteParty)} timed out after {_timeout.TotalSeconds:0.###} s.");

    private Exception LinkClosedException(string operation) =>
        _link.ClosedBy == LocalParty
            ? new ObjectDisposedException(nameof(InProcessChannel), $"{MemberNames.Capitalized(LocalParty)}: {operation} on a channel this party already closed.")
            : new PeerLostException($"{MemberNames.Capitalized(LocalParty)}: {operation} failed, {MemberNames.Of(RemoteParty)} closed the in-process link.");
}
