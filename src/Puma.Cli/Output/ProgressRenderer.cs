using System.Globalization;
using Puma.Models.Progress;

namespace Puma.Cli.Output;

/// <summary>
/// Shows the library's <see cref="ProgressStep"/>s on stderr. On a terminal, the latest step is
/// one line redrawn in place (bar, percent, counts, ETA) at most every
/// <see cref="RedrawInterval"/>, and erased when its stage ends, so the command's own output
/// starts on a clean line. Elsewhere (a log, a pipe) it writes plain lines: one every
/// <see cref="LineInterval"/> while a stage runs, and one when a stage that printed ends; a
/// stage shorter than that prints nothing. Thread-safe: the model owner's party reports from
/// its own thread. Written on the BCL (no console library): it needs one line, a bar and an
/// ETA, and must render into any <see cref="TextWriter"/> for tests.
/// </summary>
internal sealed class ProgressRenderer(TextWriter writer, bool terminal, TimeProvider clock) : IProgress<ProgressStep>, IDisposable
{
    public static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);
    private const int BarWidth = 20;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, StageClock> _stages = new(StringComparer.Ordinal);
    private int _drawnLength;

    /// <summary>The renderer for a command's error writer: a redrawn bar when it is this process's stderr on a terminal, plain lines otherwise.</summary>
    public static ProgressRenderer For(TextWriter error)
        => new(error, terminal: ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected, TimeProvider.System);

    public void Report(ProgressStep step)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (!_stages.TryGetValue(step.Stage, out var stage) || step.Done < stage.LastDone)
                _stages[step.Stage] = stage = new StageClock(now, step.Done);
            stage.LastDone = step.Done;
            var finished = step.Done >= step.Total;
            if (stage.Finished) return;
            stage.Finished = finished;
            if (terminal) Draw(step, stage, now, finished);
            else WriteLine(step, stage, now, finished);
        }
    }

    /// <summary>Erases a bar still on screen (a failed or interrupted step).</summary>
    public void Dispose()
    {
        lock (_gate) Erase();
    }

    private void Draw(ProgressStep step, StageClock stage, DateTimeOffset now, bool finished)
    {
        if (finished)
        {
            Erase();
            return;
        }
        if (now - stage.LastShown < RedrawInterval) return;
        stage.LastShown = now;
        var (name, _) = Split(step.Stage);
        var filled = (int)(BarWidth * Fraction(step));
        var line = $"{name} [{new string('#', filled)}{new string('-', BarWidth - filled)}] {Percent(step),3}% {Counts(step)}{Eta(step, stage, now)}";
        writer.Write($"\r{line.PadRight(_drawnLength)}");
        writer.Flush();
        _drawnLength = line.Length;
    }

    private void Erase()
    {
        if (_drawnLength == 0) return;
        writer.Write($"\r{new string(' ', _drawnLength)}\r");
        writer.Flush();
        _drawnLength = 0;
    }

    private void WriteLine(ProgressStep step, StageClock stage, DateTimeOffset now, bool finished)
    {
        var (name, _) = Split(step.Stage);
        if (finished)
        {
            if (stage.LinesWritten > 0) writer.WriteLine($"{name}: done, {Counts(step)} in {Duration(now - stage.Start)}");
            return;
        }
        if (now - (stage.LinesWritten == 0 ? stage.Start : stage.LastShown) < LineInterval) return;
        stage.LastShown = now;
        stage.LinesWritten++;
        writer.WriteLine($"{name}: {Percent(step)}% ({Counts(step)}){Eta(step, stage, now)}");
    }

    /// <summary>"dealing weights (bytes)" → ("dealing weights", "bytes"): the unit is the stage's parenthesised tail.</summary>
    private static (string Name, string Unit) Split(string stage)
    {
        var open = stage.LastIndexOf(" (", StringComparison.Ordinal);
        return open > 0 && stage.EndsWith(')') ? (stage[..open], stage[(open + 2)..^1]) : (stage, "");
    }

    private static string Counts(ProgressStep step)
    {
        var (_, unit) = Split(step.Stage);
        return unit == "bytes"
            ? $"{Bytes(step.Done)} of {Bytes(step.Total)}"
            : $"{step.Done.ToString(CultureInfo.InvariantCulture)} of {step.Total.ToString(CultureInfo.InvariantCulture)}{(unit.Length == 0 ? "" : " " + unit)}";
    }

    private static string Bytes(long bytes) => bytes < 1000 ? $"{bytes} B" : $"{Units.Si(bytes)}B";

    private static double Fraction(ProgressStep step) => step.Total <= 0 ? 1 : Math.Clamp((double)step.Done / step.Total, 0, 1);

    private static int Percent(ProgressStep step) => (int)(100 * Fraction(step));

    /// <summary>", ETA 12 s" from the rate since the stage began, once any of it is done.</summary>
    private static string Eta(ProgressStep step, StageClock stage, DateTimeOffset now)
    {
        var done = step.Done - stage.FirstDone;
        if (done <= 0) return "";
        var remaining = (now - stage.Start) * ((double)(step.Total - step.Done) / done);
        return $", ETA {Duration(remaining)}";
    }

    private static string Duration(TimeSpan time) => time.TotalSeconds switch
    {
        < 60 => $"{Math.Ceiling(time.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s",
        < 3600 => $"{(int)time.TotalMinutes} min {time.Seconds:00} s",
        _ => $"{(int)time.TotalHours} h {time.Minutes:00} min",
    };

    /// <summary>When a stage (re)started and what it has shown so far.</summary>
    private sealed class StageClock(DateTimeOffset start, long firstDone)
    {
        public DateTimeOffset Start { get; } = start;
        public long FirstDone { get; } = firstDone;
        public long LastDone { get; set; } = firstDone;
        public DateTimeOffset LastShown { get; set; } = DateTimeOffset.MinValue;
        public int LinesWritten { get; set; }
        public bool Finished { get; set; }
    }
}
