using System.Collections.Concurrent;

namespace Puma.Serving;

/// <summary>
/// How this party's recent requests ended, by request id, so a client whose request failed can
/// ask every party why: the party that died is the one that cannot answer, and the others say
/// whom they lost. Keeps the last <see cref="Capacity"/> outcomes.
/// </summary>
internal sealed class RequestOutcomes
{
    public const int Capacity = 256;

    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public void Record(string requestId, string outcome)
    {
        Slot(requestId).TrySetResult(outcome);
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest)) _outcomes.TryRemove(oldest, out _);
    }

    /// <summary>The outcome of <paramref name="requestId"/>, waiting up to <paramref name="patience"/> for a request still running.</summary>
    public async Task<string> AwaitAsync(string requestId, TimeSpan patience, CancellationToken cancellationToken)
    {
        try
        {
            return await Slot(requestId).Task.WaitAsync(patience, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return "no outcome yet (still running or never started here)";
        }
    }

    private TaskCompletionSource<string> Slot(string requestId) => _outcomes.GetOrAdd(requestId, id =>
    {
        _order.Enqueue(id);
        return new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
    });
}
