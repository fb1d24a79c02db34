namespace Puma.Transport;

/// <summary>
/// One message waiting in an in-process queue: the sender's memory itself (no copy on send) and
/// the completion the sender awaits. Exactly one of receiver, canceller or closer claims it, so a
/// cancelled or failed send is never copied afterwards from memory its owner already reuses.
/// </summary>
internal sealed class InProcessMessage
{
    private const int Waiting = 0, Claimed = 1;
    private int _state;
    private readonly TaskCompletionSource _delivered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InProcessMessage(ReadOnlyMemory<byte> payload) => Payload = payload;

    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Completes when the receiver has copied the payload, or fails with the reason it never will.</summary>
    public Task Delivered => _delivered.Task;

    /// <summary>Takes exclusive ownership of the message; false if someone else already did.</summary>
    public bool TryClaim() => Interlocked.CompareExchange(ref _state, Claimed, Waiting) == Waiting;

    public void MarkDelivered() => _delivered.SetResult();

    public void Fail(Exception reason) => _delivered.SetException(reason);
}
