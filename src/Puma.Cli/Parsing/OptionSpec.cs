namespace Puma.Cli.Parsing;

/// <summary>
/// One <c>--name</c> option of a command. A <see cref="ValueName"/> makes it take a value
/// (<c>--n 1000</c> or <c>--n=1000</c>); without one it is a flag. A <see cref="Repeatable"/>
/// option may be given several times, each value kept in order (<c>--text A --text B</c>).
/// </summary>
internal sealed record OptionSpec(string Name, string Help, string? ValueName = null, string? DefaultValue = null, bool Repeatable = false)
{
    public bool IsFlag => ValueName is null;

    /// <summary>How the option appears in help, e.g. <c>--runs &lt;R&gt;</c>.</summary>
    public string Synopsis => IsFlag ? $"--{Name}" : $"--{Name} <{ValueName}>";
}
