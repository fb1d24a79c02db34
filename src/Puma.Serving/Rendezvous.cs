using System.Collections.Concurrent;
using Puma.Transport;

namespace Puma.Serving;

/// <summary>
/// Where a link that arrived for a request waits for the worker that serves it, by request id.
/// A link nobody takes within the timeout is closed, so a request that never starts (refused
/// elsewhere, a client that gave up) leaves nothing behind.
/// </summary>
internal sealed class Rendezvous<T>(TimeSpan timeout, Action<T> discard)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<T>> _waiting = new(StringComparer.Ordinal);

    public void Offer(string requestId, T value)
    {
        var slot = _waiting.GetOrAdd(requestId, _ => new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!slot.TrySetResult(value))
        {
            discard(value);
            return;
        }
        _ = ExpireAsync(requestId, slot);
    }

    /// <exception cref="PeerTimeoutException">Nothing arrived for <paramref name="requestId"/> within the timeout; <paramref name="what"/> says what was awaited.</exception>
    public async Task<T> TakeAsync(string requestId, string what, CancellationToken cancellationToken)
    {
        var slot = _waiting.GetOrAdd(requestId, _ => new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            return await slot.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new PeerTimeoutException($"{what} did not arrive for request {requestId} within {timeout.TotalSeconds:0.#} s.");
        }
        finally
        {
            _waiting.TryRemove(new KeyValuePair<string, TaskCompletionSource<T>>(requestId, slot));
        }
    }

    private async Task ExpireAsync(string requestId, TaskCompletionSource<T> slot)
    {
        await Task.Delay(timeout).ConfigureAwait(false);
        if (_waiting.TryRemove(new KeyValuePair<string, TaskCompletionSource<T>>(requestId, slot))) discard(slot.Task.Result);
    }
}
