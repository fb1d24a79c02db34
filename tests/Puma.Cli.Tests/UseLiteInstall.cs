namespace Puma.Cli.Tests;

/// <summary>
/// The npm-installed USE-Lite that <c>embed</c> and <c>eval --model use-lite</c> need. A machine
/// without npm or network cannot install it: outside CI such a test reports Skipped with
/// puma's error line; under CI=true it goes on and fails on the exit code.
/// </summary>
internal static class UseLiteInstall
{
    public static void SkipUnlessInstalled(Cli.Outcome outcome)
    {
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        Skip.If(outcome.ExitCode == 1 && !inCi, $"USE-Lite could not be installed: {outcome.Error.Trim()}");
    }
}
