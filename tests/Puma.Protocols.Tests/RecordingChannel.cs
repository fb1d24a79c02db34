using System.Collections.Concurrent;
using Puma.Transport;

namespace Puma.Protocols.Tests;

/// <summary>Passes everything through and keeps a copy of every message received, by receiving party.</summary>
internal sealed class RecordingChannel(IChannel inner, ConcurrentDictionary<int, ConcurrentQueue<byte[]>> received) : IChannel
{
    public int LocalParty => inner.LocalParty;
    public int RemoteParty => inner.RemoteParty;
    public ChannelCounters Counters => inner.Counters;

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) => inner.SendAsync(message, cancellationToken);

    public async ValueTask ReceiveAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        await inner.ReceiveAsync(destination, cancellationToken);
        received.GetOrAdd(LocalParty, _ => new ConcurrentQueue<byte[]>()).Enqueue(destination.ToArray());
    }

    public void Dispose() => inner.Dispose();
}
