using Puma.Cli.Commands;

namespace Puma.Cli.Tests;

/// <summary>Runs <c>puma</c> in process and captures what it printed.</summary>
internal static class Cli
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static Outcome Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = PumaCommands.Run(args, output, error);
        return new Outcome(exitCode, output.ToString(), error.ToString());
    }
}
