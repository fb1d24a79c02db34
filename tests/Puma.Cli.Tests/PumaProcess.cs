using System.Diagnostics;
using System.Text;

namespace Puma.Cli.Tests;

/// <summary>
/// A <c>puma</c> command run as its own process (the puma.dll next to the tests, under the dotnet
/// host), as a user runs it: it keeps everything the process prints, character by character so
/// that a streamed token shows before its line ends. Disposing kills it if it still runs.
/// </summary>
internal sealed class PumaProcess : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly Task[] _readers;

    private PumaProcess(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "puma.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _readers = [Copy(_process.StandardOutput, _output), Copy(_process.StandardError, _error)];
    }

    public int Id => _process.Id;

    /// <summary>All it has printed on stdout so far.</summary>
    public string Output => Text(_output);

    /// <summary>All it has printed on stderr so far.</summary>
    public string Error => Text(_error);

    public static PumaProcess Start(params IEnumerable<string> args) => new(args);

    /// <summary>Waits at most <paramref name="limit"/> for its stdout to satisfy <paramref name="condition"/>.</summary>
    public bool WaitForOutput(Func<string, bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition(Output))
        {
            if (clock.Elapsed > limit) return false;
            Thread.Sleep(Poll);
        }
        return true;
    }

    /// <summary>Its exit code once it exits within <paramref name="limit"/> (with all its output read), or null if it still runs.</summary>
    public int? WaitForExit(TimeSpan limit)
    {
        if (!_process.WaitForExit(limit)) return null;
        Task.WaitAll(_readers, limit);
        return _process.ExitCode;
    }

    /// <summary>Kills it at once (SIGKILL), as a crash or a lost host would, and waits until it is gone.</summary>
    public void Kill()
    {
        if (HasExited()) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(TimeSpan.FromSeconds(30));
    }

    /// <summary>A description of the process for failure messages: its exit state and what it printed.</summary>
    public string Describe() => $"(exited: {HasExited()})\nstdout:\n{Output}\nstderr:\n{Error}";

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private bool HasExited()
    {
        try
        {
            return _process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private static string Text(StringBuilder text)
    {
        lock (text) return text.ToString();
    }

    private static Task Copy(StreamReader reader, StringBuilder text) => Task.Run(async () =>
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (text) text.Append(buffer, 0, read);
        }
    });

    /// <summary>The dotnet host running the tests (the SDK sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
