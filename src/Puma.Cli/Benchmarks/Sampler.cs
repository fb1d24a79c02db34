using System.Diagnostics;

namespace Puma.Cli.Benchmarks;

/// <summary>
/// Times a local operation: one warm-up call (JIT, page faults, caches), then the median of
/// several samples. An operation shorter than <see cref="MinimumSample"/> is repeated within
/// each sample so that timer resolution and one-off interrupts do not dominate.
/// </summary>
internal static class Sampler
{
    private static readonly TimeSpan MinimumSample = TimeSpan.FromMilliseconds(20);
    private const int MaxRepeats = 1000;

    /// <summary>Median seconds per call over <paramref name="runs"/> samples.</summary>
    public static double MedianSeconds(Action operation, int runs)
    {
        double warmUp = Time(operation, 1);
        int repeats = (int)Math.Clamp(Math.Ceiling(MinimumSample.TotalSeconds / Math.Max(warmUp, 1e-9)), 1, MaxRepeats);
        var samples = new double[runs];
        for (int run = 0; run < runs; run++) samples[run] = Time(operation, repeats) / repeats;
        return Median(samples);
    }

    public static double Median(IReadOnlyList<double> samples)
    {
        if (samples.Count == 0) throw new ArgumentException("No samples.", nameof(samples));
        var sorted = samples.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double Time(Action operation, int repeats)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < repeats; i++) operation();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
