using System.ComponentModel;
using System.Diagnostics;

namespace Puma.Models.Packages;

/// <summary>
/// Downloads one npm package archive with the user's own npm (<c>npm pack NAME@VERSION</c>), so
/// the registry, proxy and certificate settings the user already has for npm apply unchanged.
/// </summary>
internal static class NpmPack
{
    /// <summary>How much of npm's error output a failure message quotes.</summary>
    private const int QuotedErrorChars = 2000;

    /// <summary>Runs <c>npm pack</c> in <paramref name="directory"/> and returns the path of the .tgz it wrote.</summary>
    public static string Download(string npmCommand, string packageSpec, string directory)
    {
        var commandLine = $"{npmCommand} pack {packageSpec}";
        var start = new ProcessStartInfo(npmCommand)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("pack");
        start.ArgumentList.Add(packageSpec);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new PackageFetchException($"'{commandLine}' could not be started.");
        }
        catch (Win32Exception missing)
        {
            throw new PackageFetchException(
                $"'{npmCommand}' was not found, so '{commandLine}' could not run. Install Node.js with npm (https://nodejs.org) to download {packageSpec}.", missing);
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var detail = error.Result.Trim();
                if (detail.Length > QuotedErrorChars) detail = detail[^QuotedErrorChars..];
                throw new PackageFetchException(
                    $"'{commandLine}' failed with exit code {process.ExitCode} while downloading {packageSpec}{(detail.Length == 0 ? "." : ":\n" + detail)}");
            }
            var archives = Directory.GetFiles(directory, "*.tgz");
            if (archives.Length != 1)
                throw new PackageFetchException($"'{commandLine}' succeeded but left {archives.Length} .tgz files in '{directory}' instead of one (npm said: {output.Trim()}).");
            return archives[0];
        }
    }
}
