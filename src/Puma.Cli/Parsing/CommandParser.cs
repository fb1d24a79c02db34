namespace Puma.Cli.Parsing;

/// <summary>What the command line asked for: run a command, or show help for one.</summary>
internal abstract record ParseResult
{
    public sealed record Run(ParsedOptions Options) : ParseResult;

    public sealed record Help(CommandSpec Command) : ParseResult;
}

/// <summary>
/// Matches the leading words of the command line to a command of the tree, then reads its
/// options. <c>-h</c>/<c>--help</c> anywhere asks for that command's help. Anything it cannot
/// place is a <see cref="UsageException"/> that names the offending word.
/// </summary>
internal sealed class CommandParser(IReadOnlyList<CommandSpec> commands)
{
    public ParseResult Parse(IReadOnlyList<string> args)
    {
        var command = Root;
        int index = 0;
        for (; command.IsGroup && index < args.Count && !args[index].StartsWith('-'); index++)
        {
            string path = command.Path.Length == 0 ? args[index] : $"{command.Path} {args[index]}";
            command = Find(path) ?? throw new UsageException(UnknownCommand(command, args[index]), command.FullName);
        }
        var rest = args.Skip(index).ToArray();
        if (rest.Any(a => a is "-h" or "--help")) return new ParseResult.Help(command);
        if (command.IsGroup)
        {
            string message = command.Path.Length == 0
                ? "no command given."
                : $"'{command.FullName}' needs a subcommand: {string.Join(", ", Children(command).Select(c => c.Path.Split(' ')[^1]))}.";
            throw new UsageException(message, command.FullName);
        }
        var (given, repeated, positionals) = ReadOptions(command, rest);
        return new ParseResult.Run(new ParsedOptions(command, given, repeated, positionals));
    }

    /// <summary>The commands directly below <paramref name="group"/>.</summary>
    public IEnumerable<CommandSpec> Children(CommandSpec group)
        => commands.Where(c => c.Path.Length > 0 && Parent(c.Path) == group.Path);

    /// <summary>The runnable commands below <paramref name="group"/>, at any depth.</summary>
    public IEnumerable<CommandSpec> RunnableBelow(CommandSpec group)
        => commands.Where(c => !c.IsGroup && (group.Path.Length == 0 || c.Path.StartsWith(group.Path + " ", StringComparison.Ordinal)));

    private CommandSpec Root => Find("") ?? throw new InvalidOperationException("The command tree has no root.");

    private CommandSpec? Find(string path) => commands.FirstOrDefault(c => c.Path == path);

    private static string Parent(string path) => path.Contains(' ') ? path[..path.LastIndexOf(' ')] : "";

    private string UnknownCommand(CommandSpec parent, string word)
    {
        string known = string.Join(", ", Children(parent).Select(c => c.Path.Split(' ')[^1]));
        return parent.IsGroup
            ? $"unknown command '{word}' for '{parent.FullName}' (expected one of: {known})."
            : $"unexpected argument '{word}' for '{parent.FullName}'.";
    }

    private static (Dictionary<string, string?> Given, Dictionary<string, List<string>> Repeated, List<string> Positionals) ReadOptions(CommandSpec command, string[] args)
    {
        var given = new Dictionary<string, string?>(StringComparer.Ordinal);
        var repeated = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var positionals = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith('-') && positionals.Count < command.Positionals.Count)
            {
                positionals.Add(arg);
                continue;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                throw new UsageException($"unexpected argument '{arg}' for '{command.FullName}'.", command.FullName);
            int equals = arg.IndexOf('=');
            string name = equals < 0 ? arg[2..] : arg[2..equals];
            var spec = command.Options.FirstOrDefault(o => o.Name == name)
                ?? throw new UsageException($"unknown option '--{name}' for '{command.FullName}'.", command.FullName);
            if (given.ContainsKey(name) && !spec.Repeatable)
                throw new UsageException($"option '--{name}' is given more than once.", command.FullName);
            if (spec.IsFlag)
            {
                if (equals >= 0) throw new UsageException($"option '--{name}' is a flag and takes no value.", command.FullName);
                given[name] = null;
            }
            else if (equals >= 0)
            {
                given[name] = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                given[name] = args[++i];
            }
            else
            {
                throw new UsageException($"option '--{name}' needs a value <{spec.ValueName}>.", command.FullName);
            }
            if (spec.Repeatable && given[name] is { } value)
            {
                if (!repeated.TryGetValue(name, out var values)) repeated[name] = values = [];
                values.Add(value);
            }
        }
        if (positionals.Count < command.Positionals.Count)
        {
            var missing = command.Positionals[positionals.Count];
            throw new UsageException($"'{command.FullName}' needs {missing.Synopsis}: {missing.Help}.", command.FullName);
        }
        return (given, repeated, positionals);
    }
}
