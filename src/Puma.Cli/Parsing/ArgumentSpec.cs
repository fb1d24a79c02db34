namespace Puma.Cli.Parsing;

/// <summary>
/// A positional argument of a command, e.g. the <c>FILE.json</c> of <c>puma profile FILE.json</c>.
/// Every declared argument is required; they are read in declaration order.
/// </summary>
internal sealed record ArgumentSpec(string Name, string Help)
{
    /// <summary>How the argument appears in help, e.g. <c>&lt;FILE&gt;</c>.</summary>
    public string Synopsis => $"<{Name}>";
}
