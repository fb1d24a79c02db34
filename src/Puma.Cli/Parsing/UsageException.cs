namespace Puma.Cli.Parsing;

/// <summary>
/// A command line the user must fix (unknown command or option, bad value). Reported on stderr
/// with exit code 2, never with a stack trace.
/// </summary>
internal sealed class UsageException(string message, string helpCommand) : Exception(message)
{
    /// <summary>The command whose <c>--help</c> explains the fix, e.g. "puma bench protocols".</summary>
    public string HelpCommand { get; } = helpCommand;
}
