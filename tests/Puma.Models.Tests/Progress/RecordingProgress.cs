using Puma.Models.Progress;

namespace Puma.Models.Tests.Progress;

/// <summary>Keeps every report, in order, synchronously (unlike <see cref="Progress{T}"/>, which posts them).</summary>
internal sealed class RecordingProgress : IProgress<ProgressStep>
{
    private readonly List<ProgressStep> _steps = [];

    public IReadOnlyList<ProgressStep> Steps
    {
        get
        {
            lock (_steps) return [.. _steps];
        }
    }

    public void Report(ProgressStep value)
    {
        lock (_steps) _steps.Add(value);
    }

    /// <summary>The reports of one stage: never empty, one total, Done rising to it and ending there.</summary>
    public IReadOnlyList<ProgressStep> Stage(string stage)
    {
        var steps = Steps.Where(step => step.Stage == stage).ToArray();
        Assert.NotEmpty(steps);
        Assert.Single(steps.Select(step => step.Total).Distinct());
        for (var i = 1; i < steps.Length; i++) Assert.True(steps[i].Done >= steps[i - 1].Done, $"{stage}: Done fell from {steps[i - 1].Done} to {steps[i].Done}");
        Assert.Equal(steps[^1].Total, steps[^1].Done);
        return steps;
    }
}
