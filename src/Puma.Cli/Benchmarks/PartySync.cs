namespace Puma.Cli.Benchmarks;

/// <summary>
/// Lines the three in-process parties up before each timed call, so that party 0's clock starts
/// when all three start. A party that fails calls <see cref="Abandon"/> so the others stop
/// waiting for it instead of hanging.
/// </summary>
internal sealed class PartySync(int parties) : IDisposable
{
    private readonly Barrier _barrier = new(parties);
    private readonly CancellationTokenSource _abandoned = new();

    public void Arrive() => _barrier.SignalAndWait(_abandoned.Token);

    public void Abandon() => _abandoned.Cancel();

    public void Dispose()
    {
        _barrier.Dispose();
        _abandoned.Dispose();
    }
}
