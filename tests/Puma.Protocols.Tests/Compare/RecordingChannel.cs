using System.Collections.Concurrent;
using Puma.Transport;

namespace Puma.Protocols.Tests.Compare;

/// <summary>What each party received while recording was on (one array of words per message).</summary>
internal sealed class Recorder
{
    public readonly bool[] Recording = new bool[3];
    public readonly ConcurrentQueue<ulong[]>[] Received = [new(), new(), new()];
}

/// <summary>A link that hands every message its party receives to a <see cref="Recorder"/>.</summary>
internal sealed class RecordingChannel(IChannel inner, Recorder recorder) : IChannel
{
    public int LocalParty => inner.LocalParty;

    public int RemoteParty => inner.RemoteParty;

    public ChannelCounters Counters => inner.Counters;

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) => inner.SendAsync(message, cancellationToken);

    public async ValueTask ReceiveAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        await inner.ReceiveAsync(destination, cancellationToken).ConfigureAwait(false);
        if (LocalParty < 3 && Volatile.Read(ref recorder.Recording[LocalParty]))
        {
            recorder.Received[LocalParty].Enqueue(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(destination.Span).ToArray());
        }
    }

    public void Dispose() => inner.Dispose();
}
