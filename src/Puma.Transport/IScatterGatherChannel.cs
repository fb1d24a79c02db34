namespace Puma.Transport;

/// <summary>
/// A channel that also sends one message gathered from several buffers and receives one message
/// scattered into several. This batches many share vectors into one message (one round, no
/// concatenation copy) and carries messages beyond the 2 GiB limit of a single
/// <see cref="Memory{T}"/>: the frame length is 64-bit.
/// </summary>
public interface IScatterGatherChannel : IChannel
{
    /// <summary>Sends the parts, in order, as one message whose length is their total.</summary>
    ValueTask SendAsync(IReadOnlyList<ReadOnlyMemory<byte>> parts, CancellationToken cancellationToken = default);

    /// <summary>Receives one message whose length must equal the parts' total, filling them in order.</summary>
    ValueTask ReceiveAsync(IReadOnlyList<Memory<byte>> parts, CancellationToken cancellationToken = default);
}
