using Puma.Cli.Parsing;
using Puma.Models.Checkpoints;
using Puma.Models.Evaluation;
using Puma.Transport;

namespace Puma.Cli.Commands;

/// <summary>
/// The <c>puma</c> command tree and its entry point. Exit codes: 0 success, 1 the computation
/// failed (a model, data set or run that cannot be used), 2 the command line is wrong (the message names the offending word).
/// </summary>
internal static class PumaCommands
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    private static readonly CommandParser Parser = new(
    [
        new("", "", "puma: private Transformer inference by three-party replicated secret sharing over Z_2^64.", [], null),
        new("bench", "", "Benchmarks of the local kernels and of the three-party protocols, and the accuracy of the non-linear functions.", [], null),
        BenchKernelsCommand.Spec,
        BenchProtocolsCommand.Spec,
        BenchAccuracyCommand.Spec,
        DemoCommand.Spec,
        RunCommand.Spec,
        ClassifyCommand.Spec,
        EvalCommand.Spec,
        EmbedCommand.Spec,
        TokenizeCommand.Spec,
    ]);

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        try
        {
            switch (Parser.Parse(args))
            {
                case ParseResult.Help help:
                    HelpText.Write(Parser, help.Command, output);
                    return Success;
                case ParseResult.Run run:
                    return run.Options.Command.Handler!(run.Options, output);
                default:
                    throw new InvalidOperationException("Unknown parse result.");
            }
        }
        catch (UsageException usage)
        {
            error.WriteLine($"puma: error: {usage.Message}");
            error.WriteLine($"Run '{usage.HelpCommand} --help' for usage.");
            return UsageError;
        }
        catch (Exception failure) when (failure is PumaException or IOException or TimeoutException or OperationCanceledException
            or CheckpointException or DatasetException or InvalidDataException)
        {
            error.WriteLine($"puma: failed: {failure.Message}");
            return Failure;
        }
    }
}
