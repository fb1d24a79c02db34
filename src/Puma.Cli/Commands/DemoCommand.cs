using Puma.Cli.Demo;
using Puma.Cli.Parsing;

namespace Puma.Cli.Commands;

/// <summary><c>puma demo</c>: a small private computation, end to end.</summary>
internal static class DemoCommand
{
    private static readonly OptionSpec Length = new("n", "length of the client's vectors", "N", "8");

    public static CommandSpec Spec { get; } = new(
        "demo",
        "a private elementwise and dot product, end to end",
        "A client secret-shares two fixed-point vectors; three parties compute their elementwise and dot products on shares; only the client learns the results, printed next to the plaintext ones with each party's time, bytes and rounds.",
        [.. SecureRun.Declared, Length],
        Execute);

    private static int Execute(ParsedOptions options, TextWriter output, TextWriter error)
    {
        var run = SecureRun.Read(options);
        var result = PrivateDotProduct.Run(options.Integer(Length.Name, 1, 1 << 20), run.Options);
        DemoReport.Write(result, run.Description, output);
        run.SaveProfile(Console.Error);
        return 0;
    }
}
