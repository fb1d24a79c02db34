using System.Collections.Concurrent;
using Puma.Transport;

namespace Puma.Serving;

/// <summary>
/// Where a link that arrived for a request waits for the worker that serves it, by request id.
/// A link nobody takes within the timeout is closed, so a request that never starts (refused
/// elsewhere, a client that gave up) leaves nothing behind. A link that is taken stops its
/// expiry at once: a pending expiry holds the link, so each request's link (socket, TLS stream,
/// certificates, send buffer) used to stay reachable for the whole timeout after the request
/// ended, and at the parties' 120 s default a soak's parties carried some 150 dead links each,
/// their live managed heap growing from 1.2 to 3.7 MB over the first 150 requests.
/// </summary>
internal sealed class Rendezvous<T>(TimeSpan timeout, Action<T> discard)
{
    private readonly ConcurrentDictionary<string, Slot> _waiting = new(StringComparer.Ordinal);

    public void Offer(string requestId, T value)
    {
        var slot = _waiting.GetOrAdd(requestId, _ => new Slot());
        if (!slot.Value.TrySetResult(value))
        {
            discard(value);
            return;
        }
        _ = ExpireAsync(requestId, slot);
    }

    /// <exception cref="PeerTimeoutException">Nothing arrived for <paramref name="requestId"/> within the timeout; <paramref name="what"/> says what was awaited.</exception>
    public async Task<T> TakeAsync(string requestId, string what, CancellationToken cancellationToken)
    {
        var slot = _waiting.GetOrAdd(requestId, _ => new Slot());
        try
        {
            var value = await slot.Value.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            slot.Taken.Cancel();
            return value;
        }
        catch (TimeoutException)
        {
            throw new PeerTimeoutException($"{what} did not arrive for request {requestId} within {timeout.TotalSeconds:0.#} s.");
        }
        finally
        {
            _waiting.TryRemove(new KeyValuePair<string, Slot>(requestId, slot));
        }
    }

    private async Task ExpireAsync(string requestId, Slot slot)
    {
        try
        {
            // Cancelled by a take, even one that came before this delay started (it then ends at once).
            await Task.Delay(timeout, slot.Taken.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        // Not taken: waiting here, or offered just as a take gave up and left (nobody can take it then either).
        _waiting.TryRemove(new KeyValuePair<string, Slot>(requestId, slot));
        discard(slot.Value.Task.Result);
    }

    /// <summary>A request's link, and the signal that a worker took it (no timer of its own: nothing to dispose).</summary>
    private sealed class Slot
    {
        public TaskCompletionSource<T> Value { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenSource Taken { get; } = new();
    }
}
