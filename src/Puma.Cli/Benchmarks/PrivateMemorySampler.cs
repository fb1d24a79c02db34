namespace Puma.Cli.Benchmarks;

/// <summary>
/// The peak private memory of this process while it runs: RssAnon from /proc/self/status (resident
/// anonymous pages, so mapped bundle files, which are file pages, are excluded), read every 20 ms
/// on a background thread. Null where /proc is not available.
/// </summary>
internal sealed class PrivateMemorySampler : IDisposable
{
    private const string StatusFile = "/proc/self/status";
    private readonly Thread? _thread;
    private volatile bool _stopped;
    private long _peak;

    public PrivateMemorySampler()
    {
        if (Read() is null) return;
        _thread = new Thread(Sample) { IsBackground = true, Name = "puma-rss-sampler" };
        _thread.Start();
    }

    /// <summary>The most private bytes seen, or null where they cannot be read.</summary>
    public long? PeakBytes => _thread is null ? null : Interlocked.Read(ref _peak);

    public void Dispose()
    {
        _stopped = true;
        _thread?.Join();
    }

    private void Sample()
    {
        while (!_stopped)
        {
            if (Read() is { } bytes && bytes > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, bytes);
            Thread.Sleep(20);
        }
    }

    private static long? Read()
    {
        try
        {
            foreach (var line in File.ReadLines(StatusFile))
            {
                if (!line.StartsWith("RssAnon:", StringComparison.Ordinal)) continue;
                var kilobytes = line["RssAnon:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
            return null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
