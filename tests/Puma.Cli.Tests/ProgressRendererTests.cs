using Puma.Cli.Output;
using Puma.Models.Progress;

namespace Puma.Cli.Tests;

/// <summary>The stderr rendering of progress, on a clock the test moves.</summary>
public class ProgressRendererTests
{
    private const string Stage = "eval (examples)";

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void PlainOutputWritesAPeriodicLineWithAnEtaAndOneAtTheEnd()
    {
        var (writer, clock) = (new StringWriter(), new ManualClock());
        using var renderer = new ProgressRenderer(writer, terminal: false, clock);

        for (var second = 0; second <= 12; second++)
        {
            renderer.Report(new ProgressStep(Stage, second, 12));
            clock.Now += TimeSpan.FromSeconds(1);
        }

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["eval: 41% (5 of 12 examples), ETA 7 s", "eval: 83% (10 of 12 examples), ETA 2 s", "eval: done, 12 of 12 examples in 12 s"], lines);
    }

    [Fact]
    public void PlainOutputStaysSilentForAShortStep()
    {
        var (writer, clock) = (new StringWriter(), new ManualClock());
        using var renderer = new ProgressRenderer(writer, terminal: false, clock);

        renderer.Report(new ProgressStep(ProgressStages.DealingWeights, 0, 2_400_000));
        clock.Now += TimeSpan.FromSeconds(1);
        renderer.Report(new ProgressStep(ProgressStages.DealingWeights, 2_400_000, 2_400_000));

        Assert.Equal("", writer.ToString());
    }

    [Fact]
    public void TerminalRedrawsOneLineWithABarThenErasesIt()
    {
        var (writer, clock) = (new StringWriter(), new ManualClock());
        using var renderer = new ProgressRenderer(writer, terminal: true, clock);

        renderer.Report(new ProgressStep(ProgressStages.DealingWeights, 0, 2_400_000));
        clock.Now += TimeSpan.FromSeconds(2);
        renderer.Report(new ProgressStep(ProgressStages.DealingWeights, 1_200_000, 2_400_000));
        var drawn = writer.ToString();
        renderer.Report(new ProgressStep(ProgressStages.DealingWeights, 2_400_000, 2_400_000));

        Assert.DoesNotContain('\n', writer.ToString());
        Assert.EndsWith("\r" + "dealing weights [##########----------]  50% 1.20 MB of 2.40 MB, ETA 2 s", drawn, StringComparison.Ordinal);
        Assert.EndsWith("\r", writer.ToString(), StringComparison.Ordinal);
        Assert.Equal("", writer.ToString().Split('\r')[^2].Trim());
    }

    [Fact]
    public void TerminalRedrawsAtMostTenTimesASecond()
    {
        var (writer, clock) = (new StringWriter(), new ManualClock());
        using var renderer = new ProgressRenderer(writer, terminal: true, clock);

        for (var done = 0; done < 100; done++)
        {
            renderer.Report(new ProgressStep(Stage, done, 1000));
            clock.Now += TimeSpan.FromMilliseconds(10);
        }

        Assert.Equal(10, writer.ToString().Count(c => c == '\r'));
    }
}
