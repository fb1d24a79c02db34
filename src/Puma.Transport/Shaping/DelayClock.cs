using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Puma.Transport;

/// <summary>
/// Completes tasks at <see cref="Stopwatch"/> timestamps with sub-millisecond precision, for
/// network emulation: .NET timers tick in whole milliseconds, too coarse for a LAN's 0.5 ms
/// one-way delay. One background thread serves every link. It blocks on a monitor while the
/// next deadline is more than <see cref="CoarseMarginMilliseconds"/> away (woken early when an
/// earlier one arrives), then sleeps precisely (nanosleep) until that deadline, so it never
/// spins. The final sleep is one wake-up, because on a loaded machine every wake-up may come
/// late; a deadline added during it that falls earlier is late by at most the margin.
/// </summary>
internal sealed partial class DelayClock
{
    private const int CoarseMarginMilliseconds = 1;

    private readonly PriorityQueue<TaskCompletionSource, long> _waiting = new();
    private readonly object _gate = new();
    private Thread? _thread;

    public static DelayClock Shared { get; } = new();

    /// <summary>A task that completes (on the thread pool) no earlier than <paramref name="timestamp"/>.</summary>
    public Task WaitUntilAsync(long timestamp)
    {
        if (Stopwatch.GetTimestamp() >= timestamp) return Task.CompletedTask;
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiting.Enqueue(waiter, timestamp);
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "puma-network-emulation" };
                _thread.Start();
            }
            Monitor.Pulse(_gate);
        }
        return waiter.Task;
    }

    private void Run()
    {
        while (true)
        {
            long remaining;
            lock (_gate)
            {
                while (true)
                {
                    if (!_waiting.TryPeek(out var first, out long due))
                    {
                        Monitor.Wait(_gate);
                        continue;
                    }
                    remaining = due - Stopwatch.GetTimestamp();
                    if (remaining <= 0)
                    {
                        _waiting.Dequeue();
                        first.TrySetResult();
                        continue;
                    }
                    long milliseconds = remaining * 1000 / Stopwatch.Frequency;
                    if (milliseconds <= CoarseMarginMilliseconds) break; // under two milliseconds: sleep precisely
                    Monitor.Wait(_gate, (int)Math.Min(milliseconds - CoarseMarginMilliseconds, int.MaxValue));
                }
            }
            SleepPrecisely(remaining);
        }
    }

    private static unsafe void SleepPrecisely(long ticks)
    {
        if (OperatingSystem.IsWindows())
        {
            Thread.Sleep(1); // no sub-millisecond sleep there: deadlines are late by up to a millisecond
            return;
        }
        var request = new TimeSpec { Seconds = 0, Nanoseconds = (nint)(ticks * 1_000_000_000 / Stopwatch.Frequency) };
        NanoSleep(&request, null);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static unsafe partial int NanoSleep(TimeSpec* request, TimeSpec* remaining);
}
