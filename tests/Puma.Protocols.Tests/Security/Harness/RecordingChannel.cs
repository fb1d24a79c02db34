using Puma.Transport;

namespace Puma.Protocols.Tests.Security;

/// <summary>A link that hands every message its end receives to a <see cref="WireRecorder"/>.</summary>
internal sealed class RecordingChannel(IChannel inner, WireRecorder recorder) : IChannel
{
    public int LocalParty => inner.LocalParty;

    public int RemoteParty => inner.RemoteParty;

    public ChannelCounters Counters => inner.Counters;

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) => inner.SendAsync(message, cancellationToken);

    public async ValueTask ReceiveAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        await inner.ReceiveAsync(destination, cancellationToken).ConfigureAwait(false);
        recorder.Record(LocalParty, RemoteParty, destination.Span);
    }

    public void Dispose() => inner.Dispose();
}
