using System.Reflection;
using Puma.Cli.Parsing;

namespace Puma.Cli.Commands;

/// <summary>
/// The <c>puma</c> command tree and its entry point. Exit codes: 0 success, 1 the computation
/// failed (a model, data set or run that cannot be used), 2 the command line is wrong (the message
/// names the offending word). Every failure is one line on stderr, <c>puma: error: ...</c>
/// (<see cref="FailureReport"/>); <c>--verbose</c> anywhere adds the stack trace.
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
        BenchModelCommand.Spec,
        DemoCommand.Spec,
        RunCommand.Spec,
        ClassifyCommand.Spec,
        EvalCommand.Spec,
        EmbedCommand.Spec,
        ShareCommand.Spec,
        CertsCommand.Spec,
        ProfileCommand.Spec,
        Serving.PartyCommand.Spec,
        Serving.ClientCommand.Group,
        Serving.ClientCommand.Run,
        Serving.ClientCommand.Classify,
        Serving.ClientCommand.Embed,
        Serving.ClientCommand.Eval,
        TokenizeCommand.Spec,
    ]);

    /// <summary>Global flag: after the one-line error, print the failure's stack trace.</summary>
    public const string VerboseFlag = "--verbose";

    /// <summary>Global flag, alone on the command line: print the version.</summary>
    public const string VersionFlag = "--version";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        bool verbose = args.Contains(VerboseFlag);
        args = [.. args.Where(arg => arg != VerboseFlag)];
        try
        {
            if (args is [VersionFlag])
            {
                output.WriteLine($"puma {Version}");
                return Success;
            }
            switch (Parser.Parse(Serving.ClientCommand.Normalize(args)))
            {
                case ParseResult.Help help:
                    HelpText.Write(Parser, help.Command, output);
                    return Success;
                case ParseResult.Run run:
                    return run.Options.Command.Handler!(run.Options, output, error);
                default:
                    throw new InvalidOperationException("Unknown parse result.");
            }
        }
        catch (Exception failure)
        {
            var (exitCode, message) = FailureReport.Describe(failure);
            error.WriteLine($"puma: error: {message}");
            if (verbose) error.WriteLine(failure);
            return exitCode;
        }
    }

    /// <summary>The assembly's informational version: the project version, then "+" and the git commit the SDK embeds at build time.</summary>
    public static string Version =>
        typeof(PumaCommands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
