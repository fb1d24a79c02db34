using System.Globalization;

namespace Puma.Cli.Parsing;

/// <summary>
/// The options given to one command, read with typed accessors that turn a bad value into a
/// <see cref="UsageException"/> naming the option, what it expects and what it got.
/// </summary>
internal sealed class ParsedOptions(
    CommandSpec command,
    IReadOnlyDictionary<string, string?> given,
    IReadOnlyDictionary<string, List<string>>? repeated = null,
    IReadOnlyList<string>? positionals = null)
{
    public CommandSpec Command { get; } = command;

    public bool Flag(string name) => given.ContainsKey(Spec(name).Name);

    /// <summary>The value given, else the option's default.</summary>
    public string Text(string name)
    {
        var spec = Spec(name);
        return given.TryGetValue(spec.Name, out var value) && value is not null
            ? value
            : spec.DefaultValue ?? throw new InvalidOperationException($"Option --{name} has no default.");
    }

    /// <summary>The value given, as a usage error when it is empty or blank: an empty input leaves nothing to compute on.</summary>
    public string NonEmptyText(string name)
    {
        string text = Text(name);
        return string.IsNullOrWhiteSpace(text) ? throw Invalid(name, "a non-empty text") : text;
    }

    /// <summary>Every value of a repeatable option, each checked as by <see cref="NonEmptyText"/>.</summary>
    public IReadOnlyList<string> NonEmptyTexts(string name)
    {
        var texts = Texts(name);
        return texts.FirstOrDefault(string.IsNullOrWhiteSpace) is { } blank ? throw Invalid(name, "a non-empty text", blank) : texts;
    }

    /// <summary>Every value of a repeatable option, in command-line order (none if it was not given).</summary>
    public IReadOnlyList<string> Texts(string name)
        => repeated is not null && repeated.TryGetValue(Spec(name).Name, out var values) ? values : [];

    /// <summary>The value of the positional argument <paramref name="name"/>.</summary>
    public string Argument(string name)
    {
        int index = Command.Positionals.Select(a => a.Name).ToList().IndexOf(name);
        if (index < 0) throw new InvalidOperationException($"{Command.FullName} declares no argument <{name}>.");
        return positionals![index];
    }

    /// <summary>The path given to a file option, or null when it was not given; a usage error when it is a directory or does not exist.</summary>
    public string? OptionalFile(string name)
    {
        string path = Text(name);
        if (path.Length == 0) return null;
        if (Directory.Exists(path)) throw Invalid(name, "a file, not a directory");
        return File.Exists(path) ? path : throw Invalid(name, "an existing file");
    }

    public int Integer(string name, int min, int max)
    {
        string text = Text(name).Replace("_", "", StringComparison.Ordinal);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            throw Invalid(name, $"an integer from {min:N0} to {max:N0}");
        return value;
    }

    /// <summary>One of <paramref name="choices"/>' keys, mapped to its value.</summary>
    public T Choice<T>(string name, IReadOnlyDictionary<string, T> choices)
        => choices.TryGetValue(Text(name), out var value) ? value : throw Invalid(name, $"one of {string.Join(", ", choices.Keys)}");

    /// <summary>A usage error for option <paramref name="name"/>: "expects X, got 'value'".</summary>
    public UsageException Invalid(string name, string expected) => Invalid(name, expected, Text(name));

    /// <summary>A usage error for option <paramref name="name"/> naming the value at fault (one of a repeated option's).</summary>
    public UsageException Invalid(string name, string expected, string got)
        => new($"option '--{name}' expects {expected}, got '{got}'.", Command.FullName);

    private OptionSpec Spec(string name)
        => Command.Options.FirstOrDefault(o => o.Name == name) ?? throw new InvalidOperationException($"{Command.FullName} declares no option --{name}.");
}
