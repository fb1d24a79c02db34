namespace Puma.Transport;

/// <summary>
/// The time limit on one direction of a channel: a token cancelled when the peer makes no
/// progress for the timeout, or when the caller cancels. One source is reused for every
/// operation, so a healthy link allocates nothing per message for it; its timer is stopped at
/// the end of every operation, so it holds nothing that needs disposing.
/// </summary>
internal sealed class PeerWait
{
    private readonly TimeSpan _timeout;
    private CancellationTokenSource _source = new();
    private CancellationTokenRegistration _callerLink;

    public PeerWait(TimeSpan timeout) => _timeout = timeout;

    public TimeSpan Timeout => _timeout;

    /// <summary>Starts an operation; its socket calls use the returned token.</summary>
    public CancellationToken Begin(CancellationToken caller)
    {
        if (!_source.TryReset())
        {
            _source.Dispose();
            _source = new CancellationTokenSource();
        }
        if (caller.CanBeCanceled)
            _callerLink = caller.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), _source);
        return _source.Token;
    }

    /// <summary>Restarts the clock: called before each wait for the peer.</summary>
    public void Extend()
    {
        if (_timeout != System.Threading.Timeout.InfiniteTimeSpan)
            _source.CancelAfter(_timeout);
    }

    public void End()
    {
        _callerLink.Dispose();
        _callerLink = default;
        _source.TryReset();
    }
}
