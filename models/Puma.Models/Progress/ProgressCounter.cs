namespace Puma.Models.Progress;

/// <summary>
/// Counts the units of one stage done so far and reports each advance to an optional listener,
/// so a long step reports with one call per unit of work and nothing when nobody listens.
/// </summary>
internal sealed class ProgressCounter(IProgress<ProgressStep>? progress, string stage, long total)
{
    private long _done;

    public void Advance(long units)
    {
        _done += units;
        progress?.Report(new ProgressStep(stage, _done, total));
    }

    /// <summary>Reports the stage finished, also when some units were never needed (an unread tensor).</summary>
    public void Complete()
    {
        _done = total;
        progress?.Report(new ProgressStep(stage, total, total));
    }
}
