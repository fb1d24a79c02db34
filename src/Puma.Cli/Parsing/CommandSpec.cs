namespace Puma.Cli.Parsing;

/// <summary>
/// A runnable command (<see cref="Handler"/> set) or a group of subcommands (<c>puma bench</c>),
/// named by its words after <c>puma</c>.
/// </summary>
/// <param name="Summary">One line for command lists.</param>
/// <param name="Description">The paragraph of its own help page.</param>
/// <param name="Handler">Runs the command: its results go to the first writer, messages and progress to the second (stderr).</param>
/// <param name="Arguments">Positional arguments, all required (none for most commands).</param>
internal sealed record CommandSpec(
    string Path,
    string Summary,
    string Description,
    IReadOnlyList<OptionSpec> Options,
    Func<ParsedOptions, TextWriter, TextWriter, int>? Handler,
    IReadOnlyList<ArgumentSpec>? Arguments = null)
{
    /// <summary>The positional arguments, in order.</summary>
    public IReadOnlyList<ArgumentSpec> Positionals => Arguments ?? [];

    /// <summary>The command as typed, e.g. "puma bench protocols".</summary>
    public string FullName => Path.Length == 0 ? "puma" : $"puma {Path}";

    public bool IsGroup => Handler is null;
}
