using System.Reflection;
using System.Text.Json;
using Puma.Cli.Parsing;
using Puma.Models.Checkpoints;
using Puma.Models.Evaluation;
using Puma.Transport;

namespace Puma.Cli.Commands;

/// <summary>
/// Turns any exception that escapes a command into its exit code and the one line printed after
/// <c>puma: error:</c>. Input problems (a file, option, tensor or party at fault) print their own
/// message, which names the culprit; anything else is a bug, so its line says so and points to
/// <c>--verbose</c> for the stack trace.
/// </summary>
internal static class FailureReport
{
    public static (int ExitCode, string Message) Describe(Exception failure)
    {
        failure = Unwrap(failure);
        var (code, message) = failure switch
        {
            UsageException usage => (PumaCommands.UsageError, $"{usage.Message} Run '{usage.HelpCommand} --help' for usage."),
            PumaException or CheckpointException or DatasetException or IOException or InvalidDataException or JsonException
                or UnauthorizedAccessException or TimeoutException or OperationCanceledException => (PumaCommands.Failure, failure.Message),
            _ => (PumaCommands.Failure, $"internal error ({failure.GetType().Name}): {failure.Message} Run with --verbose for the stack trace."),
        };
        return (code, message.ReplaceLineEndings(" "));
    }

    /// <summary>The failure itself when a party's thread or a reflection call wrapped a single one.</summary>
    private static Exception Unwrap(Exception failure) => failure switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        _ => failure,
    };
}
