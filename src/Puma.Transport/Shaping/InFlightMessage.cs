using System.Buffers;

namespace Puma.Transport;

/// <summary>
/// A message a <see cref="ShapedChannel"/> has accepted and will hand to its inner channel at
/// <see cref="Arrival"/>: either a pooled copy (the sender already moved on) or the sender's own
/// memory, with the completion the sender awaits until it has been delivered.
/// </summary>
internal sealed class InFlightMessage : IDisposable
{
    private byte[]? _copy;

    private InFlightMessage(ReadOnlyMemory<byte> payload, long arrival, byte[]? copy, TaskCompletionSource? delivered, CancellationToken senderToken)
    {
        Payload = payload;
        Arrival = arrival;
        _copy = copy;
        Delivered = delivered;
        SenderToken = senderToken;
    }

    public ReadOnlyMemory<byte> Payload { get; }

    public long Arrival { get; }

    /// <summary>Completed once delivered, for a message whose sender waits; null for a copy.</summary>
    public TaskCompletionSource? Delivered { get; }

    /// <summary>The waiting sender's cancellation; none for a copy.</summary>
    public CancellationToken SenderToken { get; }

    public static InFlightMessage Copy(ReadOnlySpan<byte> payload, long arrival)
    {
        var copy = ArrayPool<byte>.Shared.Rent(payload.Length);
        payload.CopyTo(copy);
        return new InFlightMessage(copy.AsMemory(0, payload.Length), arrival, copy, null, default);
    }

    public static InFlightMessage Held(ReadOnlyMemory<byte> payload, long arrival, CancellationToken senderToken) =>
        new(payload, arrival, null, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), senderToken);

    /// <summary>Returns the copy to the pool, cleared: it held share data.</summary>
    public void Dispose()
    {
        if (_copy is null) return;
        ArrayPool<byte>.Shared.Return(_copy, clearArray: true);
        _copy = null;
    }
}
