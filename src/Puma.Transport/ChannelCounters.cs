namespace Puma.Transport;

/// <summary>
/// Traffic counters of one channel: payload bytes and messages (framing overhead excluded so
/// that measured costs compare exactly with the protocols' declared costs). Thread-safe.
/// </summary>
public sealed class ChannelCounters
{
    private long _bytesSent, _bytesReceived, _messagesSent, _messagesReceived;

    public long BytesSent => Interlocked.Read(ref _bytesSent);
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);
    public long MessagesSent => Interlocked.Read(ref _messagesSent);
    public long MessagesReceived => Interlocked.Read(ref _messagesReceived);

    public void RecordSend(long bytes)
    {
        Interlocked.Add(ref _bytesSent, bytes);
        Interlocked.Increment(ref _messagesSent);
    }

    public void RecordReceive(long bytes)
    {
        Interlocked.Add(ref _bytesReceived, bytes);
        Interlocked.Increment(ref _messagesReceived);
    }
}
