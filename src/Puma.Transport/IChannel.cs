namespace Puma.Transport;

/// <summary>
/// One end of a full-duplex, message-oriented link between two parties. Sends and receives may
/// be in flight at the same time (one of each at a time). MPC knows every message size in
/// advance, so a receive names its exact length; a message of another length is a
/// <see cref="ProtocolMismatchException"/>, never a silent misread.
/// </summary>
public interface IChannel : IDisposable
{
    /// <summary>Party id at this end.</summary>
    int LocalParty { get; }

    /// <summary>Party id at the other end.</summary>
    int RemoteParty { get; }

    /// <summary>Payload bytes and messages sent and received so far.</summary>
    ChannelCounters Counters { get; }

    /// <summary>
    /// Sends one message of any size (large ones are streamed in chunks). The memory is read in
    /// place and must stay unchanged until the returned task completes.
    /// </summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default);

    /// <summary>Receives the next message straight into <paramref name="destination"/>, which must be its exact size.</summary>
    ValueTask ReceiveAsync(Memory<byte> destination, CancellationToken cancellationToken = default);
}
