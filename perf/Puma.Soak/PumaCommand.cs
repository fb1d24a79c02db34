using System.Diagnostics;

namespace Puma.Soak;

/// <summary>A <c>puma</c> command as its own process: the puma.dll next to this program, under the dotnet host.</summary>
internal sealed class PumaCommand : IDisposable
{
    private readonly Process _process;

    private PumaCommand(string[] args, string? logFile)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = logFile is not null };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "puma.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        if (logFile is not null) _ = CopyAsync(_process.StandardOutput, logFile);
        LogFile = logFile;
    }

    public int Id => _process.Id;

    public string? LogFile { get; }

    /// <summary>Runs a command to its end and fails unless it exits 0.</summary>
    public static void Run(params string[] args)
    {
        using var command = new PumaCommand(args, null);
        command._process.WaitForExit();
        if (command._process.ExitCode != 0) throw new InvalidOperationException($"puma {string.Join(' ', args)} exited {command._process.ExitCode}.");
    }

    /// <summary>Starts a long-running command whose stdout goes to <paramref name="logFile"/>.</summary>
    public static PumaCommand Start(string logFile, params string[] args) => new(args, logFile);

    /// <summary>A memory figure from /proc/PID/status, in kB: VmRSS (all resident memory) or RssAnon (the private part).</summary>
    public long StatusKilobytes(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0]);
    }

    public bool HasExited => _process.HasExited;

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(TimeSpan.FromSeconds(30));
        _process.Dispose();
    }

    private static async Task CopyAsync(StreamReader output, string logFile)
    {
        await using var log = new StreamWriter(logFile) { AutoFlush = true };
        while (await output.ReadLineAsync() is { } line) await log.WriteLineAsync(line);
    }
}
