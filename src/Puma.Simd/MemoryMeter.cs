namespace Puma.Simd;

/// <summary>
/// Counts the native memory one party holds: every owned <see cref="NativeArray"/> allocated on a
/// thread whose <see cref="Current"/> is this meter is charged to it, and credited back when freed
/// (on whatever thread frees it). When the three parties share one process their private memory
/// cannot be told apart by the OS, so benchmarks read each party's high-water mark here. Views of
/// mapped bundle files are never charged: those pages belong to the page cache, not to a party.
/// </summary>
public sealed class MemoryMeter
{
    private long _live;
    private long _peak;

    /// <summary>The meter charged by allocations on this thread, or null for none.</summary>
    [ThreadStatic]
    private static MemoryMeter? t_current;

    public static MemoryMeter? Current
    {
        get => t_current;
        set => t_current = value;
    }

    /// <summary>Bytes allocated and not yet freed.</summary>
    public long LiveBytes => Interlocked.Read(ref _live);

    /// <summary>The most bytes live at once since creation.</summary>
    public long PeakBytes => Interlocked.Read(ref _peak);

    internal void Charge(long bytes)
    {
        var live = Interlocked.Add(ref _live, bytes);
        if (bytes <= 0) return;
        var peak = Interlocked.Read(ref _peak);
        while (live > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peak, live, peak);
            if (seen == peak) break;
            peak = seen;
        }
    }
}
