using System.Diagnostics;

namespace Puma.Transport;

/// <summary>
/// The timetable of one direction of a link: a send buffer drained by a token bucket of depth
/// zero (tokens accrue at the rate, and a message has left once the tokens for all its bytes
/// have accrued, after the messages before it), then the one-way delay. Like a socket, a send is
/// accepted once at most <see cref="BufferBytes"/> wait ahead of its end, so a sender that wakes
/// up late does not leave the link idle. Times are <see cref="Stopwatch"/> timestamps. Not
/// thread-safe: a channel runs one send at a time.
/// </summary>
internal sealed class LinkSchedule(NetworkProfile profile)
{
    /// <summary>The send buffer, as large as the TCP channels' default socket buffer.</summary>
    public const int BufferBytes = 4 << 20;

    private readonly double _ticksPerByte = Stopwatch.Frequency / profile.BytesPerSecond;
    private readonly long _delayTicks = (long)(profile.OneWayDelay.TotalSeconds * Stopwatch.Frequency);
    private long _linkFree;

    /// <summary>
    /// When a message of <paramref name="bytes"/> offered at <paramref name="now"/> is accepted
    /// into the send buffer, and when it reaches the receiver (its last byte left, plus the delay).
    /// </summary>
    public (long Accepted, long Arrival) Schedule(long bytes, long now)
    {
        long start = Math.Max(now, _linkFree);
        _linkFree = start + (long)Math.Ceiling(bytes * _ticksPerByte);
        long accepted = Math.Max(now, _linkFree - (long)(BufferBytes * _ticksPerByte));
        return (accepted, _linkFree + _delayTicks);
    }
}
