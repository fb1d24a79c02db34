using System.Runtime.CompilerServices;
using Puma.Simd;
using Puma.Transport;

namespace Puma.Protocols.Net;

/// <summary>
/// A party's links to next, prev and (optionally) an outside party, driven round by round:
/// protocols post sends and receives on native share buffers, then <see cref="Exchange"/> runs
/// them all at once — sends start first, so both directions of a link are in flight together and
/// no pair of parties can deadlock — and counts one round. Data goes straight from and into the
/// posted buffers.
/// </summary>
public sealed class Communicator : IDisposable
{
    /// <summary>Largest single message; longer posts are split so no message nears the 2 GiB span limit.</summary>
    private const int MaxMessageElements = 1 << 27;

    private readonly IChannel?[] _links = new IChannel?[3];
    private readonly List<Memory<byte>>[] _sends = [[], [], []];
    private readonly List<Memory<byte>>[] _receives = [[], [], []];
    private readonly Task[] _pending = new Task[6];
    private readonly TimeSpan _timeout;
    private readonly Func<string> _describeOperation;
    private CancellationTokenSource _timeoutSource = new();

    public Communicator(int party, IChannel next, IChannel prev, IChannel? outside, TimeSpan timeout, Func<string> describeOperation)
    {
        Party = party;
        _links[(int)Peer.Next] = next;
        _links[(int)Peer.Prev] = prev;
        _links[(int)Peer.Outside] = outside;
        _timeout = timeout;
        _describeOperation = describeOperation;
    }

    /// <summary>This party's id.</summary>
    public int Party { get; }

    /// <summary>Rounds run so far (every <see cref="Exchange"/> counts one, even if this party posted nothing).</summary>
    public long Rounds { get; private set; }

    /// <summary>Payload bytes this party has sent on all its links.</summary>
    public long BytesSent => _links.Sum(l => l?.Counters.BytesSent ?? 0);

    /// <summary>Payload bytes this party has received on all its links.</summary>
    public long BytesReceived => _links.Sum(l => l?.Counters.BytesReceived ?? 0);

    /// <summary>Whether a link to an outside party (client or model owner) exists.</summary>
    public bool HasOutside => _links[(int)Peer.Outside] is not null;

    /// <summary>Posts <paramref name="length"/> elements of <paramref name="data"/> from <paramref name="offset"/> for sending in this round.</summary>
    public void Send(Peer to, NativeArray data, int offset, int length) => Post(_sends, to, data, offset, length);

    /// <inheritdoc cref="Send(Peer, NativeArray, int, int)"/>
    public void Send(Peer to, NativeArray data) => Send(to, data, 0, data.Length);

    /// <summary>Posts a receive of exactly <paramref name="length"/> elements into <paramref name="data"/> at <paramref name="offset"/>.</summary>
    public void Receive(Peer from, NativeArray data, int offset, int length) => Post(_receives, from, data, offset, length);

    /// <inheritdoc cref="Receive(Peer, NativeArray, int, int)"/>
    public void Receive(Peer from, NativeArray data) => Receive(from, data, 0, data.Length);

    /// <summary>Runs one round: every posted send and receive, in posting order per link.</summary>
    /// <remarks>
    /// Links whose transfers complete at once (data already buffered by the transport) cost no
    /// task and no wait; the party thread blocks only on the ones still in flight. One timeout
    /// source serves every round, re-armed here and disarmed after.
    /// </remarks>
    public void Exchange()
    {
        Rounds++;
        var token = ArmTimeout();
        int pending = 0;
        List<Exception>? failures = null;
        try
        {
            for (int link = 0; link < 3; link++)
            {
                if (_sends[link].Count > 0) Track(SendAll(link, token), ref pending, ref failures);
            }
            for (int link = 0; link < 3; link++)
            {
                if (_receives[link].Count > 0) Track(ReceiveAll(link, token), ref pending, ref failures);
            }
            if (pending > 0) Task.WaitAll(_pending.AsSpan(0, pending));
        }
        catch (AggregateException e)
        {
            failures ??= [];
            failures.AddRange(e.InnerExceptions);
        }
        finally
        {
            Array.Clear(_pending);
            foreach (var list in _sends) list.Clear();
            foreach (var list in _receives) list.Clear();
        }
        bool timedOut = token.IsCancellationRequested;
        DisarmTimeout();
        if (failures is not null) throw Explain(new AggregateException(failures), timedOut);
    }

    public void Dispose()
    {
        foreach (var link in _links) link?.Dispose();
        _timeoutSource.Dispose();
    }

    private unsafe void Post(List<Memory<byte>>[] queue, Peer peer, NativeArray data, int offset, int length)
    {
        if (_links[(int)peer] is null)
            throw new InvalidOperationException($"Party {Party} has no {peer} link ({_describeOperation()}).");
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (offset + (long)length > data.Length) throw new ArgumentOutOfRangeException(nameof(length));
        // Empty posts are skipped on both ends alike, so they never become messages.
        for (int start = 0; start < length; start += MaxMessageElements)
        {
            int count = Math.Min(MaxMessageElements, length - start);
            queue[(int)peer].Add(new NativeMemoryManager((byte*)(data.Pointer + offset + start), count * sizeof(ulong)).Memory);
        }
    }

    /// <summary>Consumes a transfer that already finished, or keeps its task for the wait.</summary>
    private void Track(ValueTask transfer, ref int pending, ref List<Exception>? failures)
    {
        if (!transfer.IsCompleted)
        {
            _pending[pending++] = transfer.AsTask();
            return;
        }
        try
        {
            transfer.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            (failures ??= []).Add(e);
        }
    }

    private CancellationToken ArmTimeout()
    {
        if (!_timeoutSource.TryReset())
        {
            _timeoutSource.Dispose();
            _timeoutSource = new CancellationTokenSource();
        }
        _timeoutSource.CancelAfter(_timeout);
        return _timeoutSource.Token;
    }

    /// <summary>Stops the round's timer (a cancelled source is replaced at the next arming).</summary>
    private void DisarmTimeout() => _timeoutSource.TryReset();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAll(int link, CancellationToken token)
    {
        var channel = _links[link]!;
        foreach (var segment in _sends[link]) await channel.SendAsync(segment, token).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReceiveAll(int link, CancellationToken token)
    {
        var channel = _links[link]!;
        foreach (var segment in _receives[link]) await channel.ReceiveAsync(segment, token).ConfigureAwait(false);
    }

    private PumaException Explain(AggregateException failure, bool timedOut)
    {
        var inner = failure.Flatten().InnerExceptions;
        var known = inner.OfType<PumaException>().FirstOrDefault();
        string where = $"party {Party}, round {Rounds}, during {_describeOperation()}";
        if (known is PeerLostException) return new PeerLostException($"{known.Message} ({where})", known);
        if (known is PeerTimeoutException) return new PeerTimeoutException($"{known.Message} ({where})", known);
        if (known is not null) return new PumaException($"{known.Message} ({where})", known);
        if (timedOut)
            return new PeerTimeoutException($"No message from a peer within {_timeout.TotalSeconds:0.#} s ({where}).", inner[0]);
        return new PeerLostException($"Link failure: {inner[0].Message} ({where})", inner[0]);
    }
}
